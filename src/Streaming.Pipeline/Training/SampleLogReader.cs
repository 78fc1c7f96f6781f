using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Schemas;
using Streaming.Core.Training;
using Streaming.Pipeline.Replay;

namespace Streaming.Pipeline.Training;

/// <summary>
/// Reads a sample log, file or Kafka, and joins it into the labeled training set: what the
/// training job calls (SPEC §7: training reads only the logged samples).
/// </summary>
public static class SampleLogReader
{
    /// <summary>
    /// Reads a <see cref="FileSampleLog"/> folder. The default label cutoff is the oldest of the
    /// partitions' newest outcome times: below it every partition's log is complete, so a window
    /// closed there is not missing outcomes of a partition that lags.
    /// </summary>
    /// <param name="root">The log's folder (<see cref="SampleLogs.Folder"/> of a data folder).</param>
    /// <param name="features">The label windows (<c>training.label_minutes</c>, <c>cdum.label_minutes</c>, <c>cdum.label_plays</c>).</param>
    /// <param name="cutoffMs">Overrides the label cutoff (see <see cref="TrainingSetBuilder.Build"/>).</param>
    /// <exception cref="InvalidDataException">A segment is corrupt other than in its last block, or a record does not decode.</exception>
    public static SampleLogContents ReadFolder(string root, FeatureOptions features, long? cutoffMs = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var builder = new TrainingSetBuilder(features);
        var reading = new Reading(builder);
        var partitionCutoff = (long?)null;
        if (Directory.Exists(root))
        {
            foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                var newest = (long?)null;
                foreach (var segment in Directory.EnumerateFiles(folder, "*" + SampleSegment.Extension).Order(StringComparer.Ordinal))
                {
                    using var stream = new FileStream(segment, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    reading.Segments++;
                    reading.StoredBytes += stream.Length;
                    foreach (var payload in SampleSegment.ReadPayloads(stream, segment, _ => reading.TornBlocks++))
                    {
                        if (reading.Add(payload, segment) is { } outcomeTs)
                        {
                            newest = Math.Max(newest ?? long.MinValue, outcomeTs);
                        }
                    }
                }
                if (newest is { } n)
                {
                    partitionCutoff = Math.Min(partitionCutoff ?? long.MaxValue, n);
                }
            }
        }
        return reading.Finish(cutoffMs ?? partitionCutoff);
    }

    /// <summary>
    /// Reads a <see cref="KafkaSampleLog"/> topic from its start to its end now. The default label
    /// cutoff is the newest outcome's time (the topic is keyed by user, not by source partition).
    /// </summary>
    /// <exception cref="InvalidDataException">A record does not decode.</exception>
    public static SampleLogContents ReadTopic(string bootstrapServers, string topic, FeatureOptions features, long? cutoffMs = null)
    {
        var builder = new TrainingSetBuilder(features);
        var reading = new Reading(builder);
        int partitions;
        using (var resolver = new RangeResolver(bootstrapServers, topic))
        {
            partitions = resolver.PartitionCount(bootstrapServers);
        }
        var start = Enumerable.Range(0, partitions).ToDictionary(p => p, _ => 0L);
        foreach (var record in RangeRecords.Read(bootstrapServers, topic, start))
        {
            reading.StoredBytes += record.Message.Value.Length;
            reading.Add(record.Message.Value, record.TopicPartitionOffset.ToString());
        }
        return reading.Finish(cutoffMs);
    }

    private sealed class Reading(TrainingSetBuilder builder)
    {
        private readonly EventCodec _codec = new();
        private long _payloadBytes;
        private long _fatigue;
        private long _uplift;
        private long _outcomes;

        public int Segments { get; set; }

        public long StoredBytes { get; set; }

        public int TornBlocks { get; set; }

        /// <summary>Adds one record; returns its time when it is an outcome.</summary>
        public long? Add(byte[] payload, string where)
        {
            _payloadBytes += payload.Length;
            // Logged by this pipeline after validation: a record that fails now is damage, not input.
            var decoded = _codec.Decode(payload, referenceTimeMs: -1);
            switch (decoded.Event)
            {
                case TrainingSample sample when decoded.IsOk:
                    if (sample.FeatureLayout == UpliftModelInput.Layout || sample.ItemId == TrainingSample.RequestRow)
                    {
                        _uplift++;
                    }
                    else
                    {
                        _fatigue++;
                    }
                    builder.Add(sample);
                    return null;
                case Interaction outcome when decoded.IsOk:
                    _outcomes++;
                    builder.Add(outcome);
                    return outcome.TsMs;
                default:
                    throw new InvalidDataException($"{where}: a sample-log record is {(decoded.IsOk ? decoded.Type.ToString() : decoded.ToString())}, not a TrainingSample or an Interaction.");
            }
        }

        public SampleLogContents Finish(long? cutoffMs) => new(builder.Build(cutoffMs), new SampleLogStats
        {
            Segments = Segments,
            StoredBytes = StoredBytes,
            PayloadBytes = _payloadBytes,
            FatigueSamples = _fatigue,
            UpliftSamples = _uplift,
            Outcomes = _outcomes,
            TornBlocks = TornBlocks,
        });
    }
}
