using Microsoft.ML.OnnxRuntime;

namespace Streaming.Inference;

/// <summary>
/// Every tunable of the inference layer with its default. Property names map to configuration
/// keys (<see cref="MaxBatch"/> is <c>inference.max_batch</c>, SPEC §6). Immutable; call
/// <see cref="Validate"/> once where the options are built.
/// </summary>
public sealed record InferenceOptions
{
    /// <summary>The defaults.</summary>
    public static InferenceOptions Default { get; } = new();

    /// <summary><c>inference.max_batch</c>: rows that release a batch at once (SPEC §6: 256).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// <c>inference.max_delay_ms</c>: the longest the first queued row waits for its batch to fill
    /// (SPEC §6: 2 ms); 0 releases whatever is queued as soon as the batcher is free.
    /// </summary>
    public int MaxDelayMs { get; init; } = 2;

    /// <summary>
    /// <c>inference.queue_pause_rows</c>: queued rows at which the batcher pauses its producers
    /// (refuses submissions until the queue drains to <see cref="QueueResumeRows"/>). Default 8 full
    /// batches: at the measured 2–4 ms per 256-row batch that is about 20–30 ms of queued work,
    /// enough to absorb a burst from every partition without letting latency grow unbounded.
    /// </summary>
    public int QueuePauseRows { get; init; } = 2048;

    /// <summary>
    /// <c>inference.queue_resume_rows</c>: queued rows at or below which a paused batcher resumes.
    /// Half the pause threshold, so a queue hovering near the limit does not thrash between states.
    /// </summary>
    public int QueueResumeRows { get; init; } = 1024;

    /// <summary>
    /// <c>inference.intra_op_threads</c>: ONNX Runtime threads per run. 1 runs the graph on the
    /// batching thread itself (no spinning pool); measured the fastest for the stage models on a
    /// 2-core machine, where a second thread competes with the pipeline.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// <c>inference.intra_op_spinning</c>: whether idle intra-op threads spin waiting for work. Off by
    /// default: a spinning pool burns cores between runs, and on a shared node those cores are the
    /// pipeline's. A machine given over to scoring (the CPU baseline of <c>bench gpu</c>) turns it on.
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary><c>inference.graph_optimization</c>: ONNX Runtime's graph optimisation level.</summary>
    public GraphOptimizationLevel GraphOptimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary><c>inference.provider</c>: the requested execution provider; CUDA falls back to the CPU with one warning.</summary>
    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary><c>inference.cuda_device</c>: the CUDA device ordinal.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>
    /// <c>inference.cuda_tf32</c>: whether the CUDA provider may compute float32 matrix products in
    /// TF32 (operands rounded to 10 mantissa bits). Off by default (ONNX Runtime's own default is
    /// on), so CUDA's scores differ from the CPU's only by summation order; the stage models are
    /// bound by copies and launches, not by arithmetic, so TF32 would buy them little.
    /// </summary>
    public bool CudaTf32 { get; init; }

    /// <summary><c>inference.probe_rows</c>: rows of the warm-up batch every new model must pass before it serves.</summary>
    public int ProbeRows { get; init; } = 32;

    /// <summary><c>models.poll_interval_ms</c>: how often the registry watcher rescans, besides file-system events.</summary>
    public int ModelPollIntervalMs { get; init; } = 5_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first inconsistent option.</summary>
    public InferenceOptions Validate()
    {
        Check(MaxBatch >= 1, nameof(MaxBatch), "must be at least 1");
        Check(MaxDelayMs >= 0, nameof(MaxDelayMs), "must not be negative");
        Check(QueuePauseRows >= MaxBatch, nameof(QueuePauseRows), "must hold at least one full batch");
        Check(QueueResumeRows >= 0 && QueueResumeRows < QueuePauseRows, nameof(QueueResumeRows), "must be below the pause threshold (the gap prevents thrashing)");
        Check(IntraOpThreads >= 0, nameof(IntraOpThreads), "must not be negative (0 lets ONNX Runtime choose)");
        Check(ProbeRows >= 1, nameof(ProbeRows), "must be at least 1");
        Check(ModelPollIntervalMs >= 1, nameof(ModelPollIntervalMs), "must be at least 1");
        Check(CudaDeviceId >= 0, nameof(CudaDeviceId), "must not be negative");
        return this;
    }

    private static void Check(bool ok, string name, string why)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"InferenceOptions.{name} {why}.");
        }
    }
}
