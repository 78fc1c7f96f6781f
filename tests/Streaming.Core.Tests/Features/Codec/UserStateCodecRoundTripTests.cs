using Streaming.Core.Encoding;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Tests.Features.Reference;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Codec;

public sealed class UserStateCodecRoundTripTests
{
    private static readonly HashItemVectors s_vectors = new(32);

    [Fact]
    public void Decoding_an_encoding_gives_a_state_with_the_same_bytes_and_the_same_features()
    {
        var options = FeatureOptions.Default with { FatigueMaxDayEvents = 8, CdumRecentPlays = 5 };
        var vectors = new ClusteredItemVectors(options.EmbeddingDim);
        var engine = new FeatureEngine(options, vectors);
        EventSequences.ForEachSample(EventSequences.Sequence(40), 60, 31, events =>
        {
            var state = engine.CreateState(EventSequences.UserId);
            foreach (var e in events.Take(events.Count - 1))
            {
                engine.Apply(state, e);
            }
            var bytes = UserStateCodec.Encode(state);
            Assert.Equal(UserStateCodec.CurrentVersion, bytes[0]);
            Assert.Equal(bytes, UserStateCodec.Encode(state));

            var decoded = UserStateCodec.Decode(bytes, options, vectors);
            Assert.Equal(bytes, UserStateCodec.Encode(decoded));
            Assert.Equal(state.UserId, decoded.UserId);
            AssertSameFeatures(engine, state, decoded, events);

            // Both go on identically from there.
            engine.Apply(state, events[^1]);
            engine.Apply(decoded, events[^1]);
            Assert.Equal(UserStateCodec.Encode(state), UserStateCodec.Encode(decoded));
            AssertSameFeatures(engine, state, decoded, events);
        });
    }

    [Fact]
    public void The_same_history_applied_to_two_states_encodes_to_identical_bytes()
    {
        var options = FeatureOptions.Default;
        var engine = new FeatureEngine(options, new ClusteredItemVectors(options.EmbeddingDim));
        EventSequences.ForEachSample(EventSequences.Sequence(30), 30, 32, events =>
        {
            var a = engine.CreateState(EventSequences.UserId);
            var b = engine.CreateState(EventSequences.UserId);
            foreach (var e in events)
            {
                engine.Apply(a, e);
                engine.Apply(b, e);
            }
            var writer = new StateWriter();
            UserStateCodec.Encode(a, writer);
            Assert.Equal(writer.ToArray(), UserStateCodec.Encode(b));
        });
    }

    [Fact]
    public void Smaller_bounds_in_the_options_keep_the_newest_entries_when_decoding()
    {
        var options = FeatureOptions.Default;
        var engine = new FeatureEngine(options, new ClusteredItemVectors(options.EmbeddingDim));
        var state = engine.CreateState(EventSequences.UserId);
        var events = Enumerable.Range(0, 20).Select(i => TestEvents.At(TestEvents.T0 + (i * MinuteMs), i % 5)).ToList();
        events.ForEach(e => engine.Apply(state, e));

        var smaller = options with { FatigueHistory = 4, FatigueMaxDayEvents = 3, CdumRecentPlays = 2 };
        var decoded = UserStateCodec.Decode(UserStateCodec.Encode(state), smaller, engine.Vectors);
        Assert.Equal(4, decoded.Fatigue.HistoryLength);
        Assert.Equal(events[16].TsMs, decoded.Fatigue.HistoryAt(0).TsMs);
        Assert.Equal(3, decoded.Fatigue.DayEventCount);
        Assert.Equal(2, decoded.Context.RecentPlayCount);
    }

    [Fact]
    public void Options_with_other_dimensions_reject_the_state()
    {
        var options = FeatureOptions.Default;
        var state = new UserState(3, options);
        var bytes = UserStateCodec.Encode(state);
        var error = Assert.Throws<InvalidDataException>(() => UserStateCodec.Decode(bytes, options with { FatigueRecent = 5 }, s_vectors));
        Assert.Contains("T=6", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => UserStateCodec.Decode(bytes, options with { CdumBucketEdgesS = [10] }, s_vectors));
    }

    [Fact]
    public void Unknown_versions_truncated_data_and_trailing_bytes_are_rejected()
    {
        var options = FeatureOptions.Default;
        var bytes = UserStateCodec.Encode(new UserState(3, options));
        var future = (byte[])bytes.Clone();
        future[0] = UserStateCodec.CurrentVersion + 1;
        Assert.Contains("version", Assert.Throws<InvalidDataException>(() => UserStateCodec.Decode(future, options, s_vectors)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => UserStateCodec.Decode(bytes.AsSpan(0, bytes.Length - 1), options, s_vectors));
        Assert.Throws<InvalidDataException>(() => UserStateCodec.Decode([.. bytes, 0], options, s_vectors));
        Assert.Throws<InvalidDataException>(() => UserStateCodec.Decode([], options, s_vectors));
    }

    private static void AssertSameFeatures(FeatureEngine engine, UserState expected, UserState actual, IReadOnlyList<Interaction> events)
    {
        var a = new FatigueFeatures(engine.Options);
        var b = new FatigueFeatures(engine.Options);
        var ca = new ContextFeatures(engine.Options);
        var cb = new ContextFeatures(engine.Options);
        var latest = events.Max(e => e.TsMs);
        foreach (var t in new[] { latest, latest + HourMs, events[0].TsMs })
        {
            foreach (var item in new long[] { 1, 4, 8 })
            {
                var vector = VectorOf(engine.Vectors, item);
                engine.Fatigue.Compute(expected.Fatigue, t, item, 1, vector, a);
                engine.Fatigue.Compute(actual.Fatigue, t, item, 1, vector, b);
                FeatureBits.Equal(a, b, $"t={t} item={item}");
            }
            engine.Context.Compute(expected.Context, t, ca);
            engine.Context.Compute(actual.Context, t, cb);
            FeatureBits.Equal(ca, cb, $"t={t}");
        }
        Assert.Equal(expected.LifeCycle.LogLength, actual.LifeCycle.LogLength);
    }
}
