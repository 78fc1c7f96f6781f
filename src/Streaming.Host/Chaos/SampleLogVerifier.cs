using Streaming.Core.Events;
using Streaming.Core.Schemas;
using Streaming.Pipeline.Training;

namespace Streaming.Host.Chaos;

/// <summary>Checks a file sample log against a chaos workload (see <see cref="SampleLogVerdict"/>).</summary>
internal static class SampleLogVerifier
{
    public static SampleLogVerdict Verify(ChaosWorkload workload, string folder)
    {
        var expected = new HashSet<(string, long)>();
        foreach (var request in workload.Events.Where(e => e.IsRequest).Select(e => e.Request!))
        {
            foreach (var candidate in request.Candidates)
            {
                expected.Add((request.RequestId, candidate.ItemId));
            }
            expected.Add((request.RequestId, TrainingSample.RequestRow));
        }
        var outcomes = workload.Events.Where(e => e.Interaction is not null).Select(e => e.Interaction!.EventId).ToHashSet(StringComparer.Ordinal);

        var codec = new EventCodec();
        var rows = new Dictionary<(string, long), float[]>();
        var logged = new HashSet<string>(StringComparer.Ordinal);
        long unknown = 0, duplicates = 0, differing = 0;
        var torn = 0;
        IEnumerable<string> segments = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*" + SampleSegment.Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];
        foreach (var segment in segments)
        {
            using var stream = File.OpenRead(segment);
            foreach (var payload in SampleSegment.ReadPayloads(stream, segment, _ => torn++))
            {
                var decoded = codec.Decode(payload, referenceTimeMs: -1);
                if (decoded.TrainingSample is { } sample)
                {
                    var key = (sample.RequestId, sample.ItemId);
                    if (!expected.Contains(key))
                    {
                        unknown++;
                    }
                    else if (rows.TryGetValue(key, out var first))
                    {
                        duplicates++;
                        differing += first.AsSpan().SequenceEqual(sample.Features.Span) ? 0 : 1;
                    }
                    else
                    {
                        rows.Add(key, sample.Features.ToArray());
                    }
                }
                else if (decoded.Interaction is { } interaction)
                {
                    logged.Add(interaction.EventId);
                }
                else
                {
                    throw new InvalidDataException($"{segment}: a record is {decoded}, not a training sample or an outcome.");
                }
            }
        }
        return new SampleLogVerdict(expected.Count, expected.Count(k => !rows.ContainsKey(k)), unknown, duplicates, differing,
            outcomes.Count, outcomes.Count(id => !logged.Contains(id)), torn);
    }
}
