namespace Streaming.Inference.Batching;

/// <summary>How an <see cref="InferenceRequest"/> completed.</summary>
public enum ScoreStatus
{
    /// <summary>Scored: the outputs are valid and <see cref="InferenceRequest.Version"/> names the model that computed them.</summary>
    Scored,

    /// <summary>No model serves the stage yet: fall back (for example to a baseline scorer).</summary>
    NoModel,

    /// <summary>The batch's run threw (logged once per batch): fall back; the next batch may succeed.</summary>
    Failed,

    /// <summary>The batcher stopped before the request ran.</summary>
    Stopped,
}
