namespace Streaming.Inference.Batching;

/// <summary>What a producer must do after <see cref="MicroBatcher.Submit"/>.</summary>
public enum SubmitStatus
{
    /// <summary>Queued: await <see cref="InferenceRequest.Completion"/>.</summary>
    Queued,

    /// <summary>
    /// Queued, and the queue reached its pause threshold: await the completion, and submit nothing
    /// more until <see cref="MicroBatcher.IsPaused"/> turns false.
    /// </summary>
    QueuedThenPaused,

    /// <summary>Not queued: the queue is paused. Resubmit the same request after it resumes.</summary>
    RefusedPaused,

    /// <summary>Not queued: the batcher stopped. Return the request.</summary>
    RefusedStopped,
}
