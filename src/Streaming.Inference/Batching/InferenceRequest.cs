using System.Buffers;
using System.Threading.Tasks.Sources;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Batching;

/// <summary>
/// A pooled scoring request of <see cref="Rows"/> rows (for the fatigue stage: one per candidate
/// of a ScoringRequest). Life: <see cref="MicroBatcher.Rent"/>, write the inputs,
/// <see cref="MicroBatcher.Submit"/>, await <see cref="Completion"/>, read the outputs,
/// <see cref="Return"/>. Awaiting allocates nothing; the continuation never runs on the batching
/// thread. Inputs and outputs are laid out per tensor: tensor i occupies Rows × row size floats,
/// row-major, in the contract's order.
/// </summary>
public sealed class InferenceRequest : IValueTaskSource<ScoreStatus>
{
    private readonly MicroBatcher _owner;
    private readonly StageContract _contract;
    private readonly int[] _inputOffsets;
    private readonly int[] _outputOffsets;
    private readonly int _inputRowWidth;
    private readonly int _outputRowWidth;
    private ManualResetValueTaskSourceCore<ScoreStatus> _completion;
    private float[] _inputs = [];
    private float[] _outputs = [];
    private int _state; // 0 rented, 1 submitted, 2 completed, 3 returned

    internal InferenceRequest(MicroBatcher owner, StageContract contract)
    {
        _owner = owner;
        _contract = contract;
        _completion = new ManualResetValueTaskSourceCore<ScoreStatus> { RunContinuationsAsynchronously = true };
        _inputOffsets = new int[contract.Inputs.Count];
        _outputOffsets = new int[contract.Outputs.Count];
        _inputRowWidth = contract.Inputs.Sum(t => t.RowSize);
        _outputRowWidth = contract.Outputs.Sum(t => t.RowSize);
        _state = 3;
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; private set; }

    /// <summary>The version of the model that computed the outputs; -1 until scored.</summary>
    public long Version { get; private set; } = -1;

    /// <summary>How the request completed (valid once <see cref="Completion"/> has completed).</summary>
    public ScoreStatus Status { get; private set; }

    /// <summary>Stopwatch timestamp of the submission; the batch delay counts from the oldest queued one.</summary>
    internal long SubmittedAt { get; private set; }

    /// <summary>Completes when the request is scored or fails; its value is <see cref="Status"/>.</summary>
    public ValueTask<ScoreStatus> Completion => new(this, _completion.Version);

    /// <summary>All rows of input <paramref name="input"/> (contract order): Rows × row size floats.</summary>
    public Span<float> Input(int input) =>
        _inputs.AsSpan(_inputOffsets[input], Rows * _contract.Inputs[input].RowSize);

    /// <summary>Row <paramref name="row"/> of input <paramref name="input"/>.</summary>
    public Span<float> InputRow(int input, int row)
    {
        var size = _contract.Inputs[input].RowSize;
        return _inputs.AsSpan(_inputOffsets[input] + (row * size), size);
    }

    /// <summary>All rows of output <paramref name="output"/> (contract order); valid after <see cref="ScoreStatus.Scored"/>.</summary>
    public ReadOnlySpan<float> Output(int output) =>
        _outputs.AsSpan(_outputOffsets[output], Rows * _contract.Outputs[output].RowSize);

    /// <summary>Row <paramref name="row"/> of output <paramref name="output"/>.</summary>
    public ReadOnlySpan<float> OutputRow(int output, int row)
    {
        var size = _contract.Outputs[output].RowSize;
        return _outputs.AsSpan(_outputOffsets[output] + (row * size), size);
    }

    /// <summary>Gives the request and its buffers back to the pool; do not touch it afterwards.</summary>
    public void Return()
    {
        var previous = Interlocked.Exchange(ref _state, 3);
        if (previous is 1 or 3)
        {
            _state = previous;
            throw new InvalidOperationException(previous == 1
                ? "A submitted request can be returned only after it completes."
                : "The request was already returned.");
        }

        ArrayPool<float>.Shared.Return(_inputs);
        ArrayPool<float>.Shared.Return(_outputs);
        _inputs = [];
        _outputs = [];
        _owner.Recycle(this);
    }

    internal MicroBatcher Owner => _owner;

    internal Span<float> WritableOutput(int output) =>
        _outputs.AsSpan(_outputOffsets[output], Rows * _contract.Outputs[output].RowSize);

    internal void Rent(int rows)
    {
        Rows = rows;
        Version = -1;
        _completion.Reset();
        _inputs = ArrayPool<float>.Shared.Rent(rows * _inputRowWidth);
        _outputs = ArrayPool<float>.Shared.Rent(rows * _outputRowWidth);
        var offset = 0;
        for (var i = 0; i < _inputOffsets.Length; i++)
        {
            _inputOffsets[i] = offset;
            offset += rows * _contract.Inputs[i].RowSize;
        }

        offset = 0;
        for (var i = 0; i < _outputOffsets.Length; i++)
        {
            _outputOffsets[i] = offset;
            offset += rows * _contract.Outputs[i].RowSize;
        }

        _state = 0;
    }

    internal bool TryMarkSubmitted(long timestamp)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return false;
        }

        SubmittedAt = timestamp;
        return true;
    }

    /// <summary>Back to "rented" after a refused submission, so the producer may resubmit it.</summary>
    internal void Unsubmit() => _state = 0;

    internal void Complete(ScoreStatus status, long version)
    {
        Status = status;
        Version = version;
        _state = 2;
        _completion.SetResult(status);
    }

    ScoreStatus IValueTaskSource<ScoreStatus>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ScoreStatus>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<ScoreStatus>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);
}
