using System.Buffers;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Schemas;
using Streaming.Core.Training;

namespace Streaming.Pipeline.Training;

/// <summary>
/// What one checkpoint logs for training: the outcome of every interaction it applies, and the
/// served model inputs of its sampled requests (a <see cref="TrainingSample"/> per candidate and
/// one per request), encoded as framed events into the log's <see cref="ISampleSink"/>.
/// Single-threaded like its checkpoint: processing appends outcomes, then the checkpoint's
/// completion appends the served inputs in request order.
/// </summary>
public sealed class SampleBatch
{
    private readonly ISampleSink _sink;
    private readonly SampleLogCounters _counters;
    private readonly double _rate;
    private readonly EventCodec _codec;
    private readonly ArrayBufferWriter<byte> _buffer = new(2_048);
    private readonly float[] _fatigueRow;
    private readonly float[] _upliftRow;
    private long _fatigueRows;
    private long _upliftRows;
    private long _outcomes;
    private long _payloadBytes;

    internal SampleBatch(ISampleLog log, ISampleSink sink, FeatureOptions features, EventCodec codec)
    {
        _sink = sink;
        _counters = log.Counters;
        _rate = log.SampleRate;
        _codec = codec;
        _fatigueRow = new float[FatigueModelInput.RowSize(features)];
        _upliftRow = new float[UpliftModelInput.RowSize(features)];
    }

    /// <summary>Whether <paramref name="request"/>'s served inputs are logged (<c>training.sample_rate</c>, by request id).</summary>
    public bool Includes(ScoringRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SampleSelection.Includes(request.RequestId, _rate);
    }

    /// <summary>Logs the inputs candidate <paramref name="candidate"/> of <paramref name="request"/> was scored on, as the fatigue stage received them.</summary>
    public void Fatigue(ScoringRequest request, ScoredRequest scored, int candidate, FatigueModelInput row)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scored);
        var length = row.CopyTo(_fatigueRow);
        Write(request, scored, request.Candidates[candidate].ItemId, FatigueModelInput.Layout, _fatigueRow.AsMemory(0, length));
        _fatigueRows++;
    }

    /// <summary>Logs the inputs <paramref name="request"/> was scored on by the uplift stage.</summary>
    public void Uplift(ScoringRequest request, ScoredRequest scored, UpliftModelInput row)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scored);
        var length = row.CopyTo(_upliftRow);
        Write(request, scored, TrainingSample.RequestRow, UpliftModelInput.Layout, _upliftRow.AsMemory(0, length));
        _upliftRows++;
    }

    /// <summary>Logs an applied interaction: its record value, byte for byte as it was applied.</summary>
    internal void Outcome(long userId, ReadOnlySpan<byte> interactionPayload)
    {
        _sink.Append(userId, interactionPayload);
        _outcomes++;
        _payloadBytes += interactionPayload.Length;
    }

    /// <summary>Makes the batch durable (see <see cref="ISampleSink.CompleteAsync"/>) and counts it.</summary>
    internal async Task CompleteAsync(CancellationToken cancellation)
    {
        await _sink.CompleteAsync(cancellation).ConfigureAwait(false);
        _counters.Add(_fatigueRows, _upliftRows, _outcomes, _payloadBytes, storedBytes: 0);
    }

    private void Write(ScoringRequest request, ScoredRequest scored, long itemId, string layout, ReadOnlyMemory<float> features)
    {
        _buffer.ResetWrittenCount();
        _codec.Encode(new TrainingSample
        {
            RequestId = request.RequestId,
            UserId = request.UserId,
            TsMs = request.TsMs,
            ItemId = itemId,
            ModelVersions = scored.ModelVersions,
            FeatureLayout = layout,
            Features = features,
            Treatment = request.Treatment,
        }, _buffer);
        _sink.Append(request.UserId, _buffer.WrittenSpan);
        _payloadBytes += _buffer.WrittenCount;
    }
}
