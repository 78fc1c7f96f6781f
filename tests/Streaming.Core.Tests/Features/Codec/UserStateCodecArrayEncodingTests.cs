using Streaming.Core.Encoding;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Tests.Features.Codec;

public sealed class UserStateCodecArrayEncodingTests
{
    private static UserState User(FeatureEngine engine, long userId, int interactions)
    {
        var state = engine.CreateState(userId);
        for (var i = 0; i < interactions; i++)
        {
            engine.Apply(state, new Interaction
            {
                EventId = $"{userId}-{i}",
                UserId = userId,
                ItemId = (i * 7919L) % 5_003,
                TsMs = 1_700_000_000_000L + (i * 45_000L),
                DurationMs = 5_000 + (i % 40 * 1_000),
                PlayTimeMs = i % 11 * 2_000,
                Category = i % 9,
            });
        }
        return state;
    }

    private static byte[] EncodedByAFreshWriter(UserState state)
    {
        var writer = new StateWriter();
        UserStateCodec.Encode(state, writer);
        return writer.ToArray();
    }

    [Fact]
    public void Arrays_encoded_one_after_another_on_one_thread_each_hold_exactly_their_own_user()
    {
        var options = FeatureOptions.Default;
        var engine = new FeatureEngine(options, new HashItemVectors(options.EmbeddingDim));
        // 30,000 life-cycle items encode to more than the 4 MiB a thread keeps for reuse.
        UserState[] users = [User(engine, 1, 300), User(engine, 2, 30_000), User(engine, 3, 40), User(engine, 4, 300), User(engine, 5, 0)];
        Assert.True(EncodedByAFreshWriter(users[1]).Length > 4 * 1024 * 1024);

        foreach (var user in users.Concat(users.Reverse()))
        {
            var bytes = UserStateCodec.Encode(user);
            Assert.Equal(EncodedByAFreshWriter(user), bytes);
            var decoded = UserStateCodec.Decode(bytes, options, engine.Vectors);
            Assert.Equal(user.UserId, decoded.UserId);
            Assert.Equal(user.LifeCycle.LogLength, decoded.LifeCycle.LogLength);
        }
    }
}
