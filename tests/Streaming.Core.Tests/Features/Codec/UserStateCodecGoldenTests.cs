using Streaming.Core.Encoding;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.LifeCycle;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Tests.Features.Reference;
using Xunit.Sdk;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Codec;

/// <summary>
/// A version-1 encoding committed as hex must decode forever: this is how "older encodings stay
/// readable" is enforced. The hex covers the version byte, user id, fatigue and context sections;
/// the life-cycle section (pinned by the life-cycle tests) is appended as an empty log.
/// </summary>
public sealed class UserStateCodecGoldenTests
{
    private const string V1FatigueAndContextHex =
        "010E04030201809698B7856080A3DEBA8560041680D0CFBA856018C0A90716C0A9071AFF8CC6030318C0F9D6BA85609A" +
        "5737BF0C7913BF7A9EAE3E01024ABE16C0A907DE8A2D3F42D1283FC4EDA53ED59DC1BC1AFF8CC603ED18493F5928EF3E" +
        "AC31C73E9EF0ECBD02163DC9303FEC58243F54B9A93E4CE306BD189A5737BF0C7913BF7A9EAE3E01024ABE04809698B7" +
        "85601A0280BAB7031606C0A9071801C0A90716060304D08C01B894010100D00F00D08C01A01F02E0C508F0A204000280" +
        "D0CFBA8560D08C01B894010180D30ED08C01A01F020180A3DEBA856080D0CFBA85600498E60501B2AA0201B2AA020000" +
        "00000000000000000201E4388EE3388EF33F0100000000000000E03F";

    private static readonly FeatureOptions s_options = FeatureOptions.Default with
    {
        EmbeddingDim = 4,
        FatigueRecent = 3,
        FatigueInterests = 2,
        FatigueHistory = 5,
        CdumBucketEdgesS = [7, 60],
    };

    private static readonly Interaction[] s_events =
    [
        TestEvents.At(TestEvents.T0, 11, category: 3, durationMs: 9_000, playTimeMs: 9_500, longView: true),
        TestEvents.At(TestEvents.T0 + MinuteMs, 12, durationMs: 0, playTimeMs: 1_000),
        TestEvents.At(TestEvents.T0 + (2 * MinuteMs), 11, category: 3, durationMs: 9_000, playTimeMs: 2_000, click: true),
        TestEvents.At(TestEvents.T0 - HourMs, 13, category: 1, durationMs: 70_000, playTimeMs: 35_000),
    ];

    [Fact]
    public void A_version_1_encoding_decodes_to_the_state_of_its_history()
    {
        var golden = Golden();
        var decoded = UserStateCodec.Decode(golden, s_options, new HashItemVectors(s_options.EmbeddingDim));
        var rebuilt = Build();

        Assert.Equal(EventSequences.UserId, decoded.UserId);
        Assert.Equal(4, decoded.Fatigue.HistoryLength);
        Assert.Equal(3, decoded.Fatigue.RecentLength);
        Assert.Equal(2, decoded.Fatigue.InterestsSeeded);
        Assert.Equal(TestEvents.T0 - HourMs, decoded.Fatigue.FirstTsMs);
        Assert.Equal(TestEvents.T0 + (2 * MinuteMs), decoded.Fatigue.LatestTsMs);
        Assert.Equal(4, decoded.Context.RecentPlayCount);
        Assert.Equal(2, decoded.Context.RecentMinutesCount);

        var fatigue = new FatigueEngine(s_options);
        var context = new ContextEngine(s_options);
        var vectors = new HashItemVectors(s_options.EmbeddingDim);
        var (fa, fb) = (new FatigueFeatures(s_options), new FatigueFeatures(s_options));
        var (ca, cb) = (new ContextFeatures(s_options), new ContextFeatures(s_options));
        var t = TestEvents.T0 + (5 * MinuteMs);
        fatigue.Compute(rebuilt.Fatigue, t, 11, 3, VectorOf(vectors, 11), fa);
        fatigue.Compute(decoded.Fatigue, t, 11, 3, VectorOf(vectors, 11), fb);
        FeatureBits.Equal(fa, fb, "golden");
        context.Compute(rebuilt.Context, t, ca);
        context.Compute(decoded.Context, t, cb);
        FeatureBits.Equal(ca, cb, "golden");
        Assert.Equal([3, 4, 4], fb.NAll.ToArray()); // the late event at T0 - 1 h falls in the 3 h and 24 h windows only
        Assert.Equal([2, 2, 2], fb.NSameItem.ToArray());
        Assert.Equal([2, 2, 2], fb.NSameCategory.ToArray());
    }

    [Fact]
    public void The_current_encoder_still_writes_version_1_for_the_golden_history()
    {
        // When a version 2 arrives this test changes; the one above must not.
        var actual = UserStateCodec.Encode(Build());
        var golden = Golden();
        if (!actual.AsSpan().SequenceEqual(golden))
        {
            var lifeCycle = EmptyLifeCycleSection().Length;
            throw new XunitException("Encoding changed. Current fatigue+context hex: " + Convert.ToHexString(actual.AsSpan(0, actual.Length - lifeCycle)));
        }
    }

    private static byte[] Golden() => [.. Convert.FromHexString(V1FatigueAndContextHex), .. EmptyLifeCycleSection()];

    private static byte[] EmptyLifeCycleSection()
    {
        var writer = new StateWriter();
        new LifeCycleClusters().Write(writer);
        return writer.ToArray();
    }

    private static UserState Build()
    {
        var state = new UserState(EventSequences.UserId, s_options);
        var fatigue = new FatigueEngine(s_options);
        var context = new ContextEngine(s_options);
        var vectors = new HashItemVectors(s_options.EmbeddingDim);
        foreach (var e in s_events)
        {
            fatigue.Apply(state.Fatigue, e, VectorOf(vectors, e.ItemId));
            context.Apply(state.Context, e);
        }
        return state;
    }
}
