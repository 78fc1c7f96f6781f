namespace Streaming.Inference.Benchmarking;

/// <summary>Runs batches of one stage model back to back, for one <see cref="BatchMemory"/>.</summary>
internal interface IBatchRunner : IDisposable
{
    /// <summary>Sets up batches of <paramref name="rows"/> rows (inputs filled); cold.</summary>
    void Prepare(int rows);

    /// <summary>Runs one batch of the prepared size; returns when its outputs are in place.</summary>
    void Run();
}
