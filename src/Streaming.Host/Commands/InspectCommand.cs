using System.Text.Json;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.State;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming inspect user &lt;id&gt;</c>: prints what the store holds for a user, decoded: the
/// offset it reflects, the fatigue history and window sizes, the life-cycle log and clusters,
/// and the context windows. Opens the store read-write, so it runs when no pipeline holds it.
/// </summary>
public sealed class InspectCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        if (args.Positional.Count < 3 || args.Positional[1] != "user" || !long.TryParse(args.Positional[2], out var userId))
        {
            throw new UsageException("inspect user <id> [--data DIR] [--namespace NS]");
        }
        var folder = DataFolder.From(args, "demo");
        var ns = args.String("namespace", "prod");
        args.EnsureAllUsed();
        if (!Directory.Exists(folder.Store))
        {
            throw new UsageException($"No store at {folder.Store}: run the demo first, or pass --data.");
        }

        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Store, Namespace = ns, CreateIfMissing = false });
        var stored = store.ReadUser(userId);
        if (stored is not { } record)
        {
            await output.WriteLineAsync($"user {userId} has no stored state in namespace '{ns}' of {folder.Store}").ConfigureAwait(false);
            return 1;
        }
        var options = FeatureOptions.Default;
        var engine = new FeatureEngine(options, new HashItemVectors(options.EmbeddingDim));
        var state = UserStateCodec.Decode(record.State.Span, options, engine.Vectors);
        var fatigue = state.Fatigue;
        var history = Enumerable.Range(0, fatigue.HistoryLength).Select(fatigue.HistoryAt).ToList();
        var context = engine.CreateContextFeatures();
        if (fatigue.LatestTsMs is { } latest)
        {
            engine.ComputeContext(state, latest, context);
        }
        var summary = new
        {
            user_id = userId,
            partition = record.Partition,
            applied_offset = record.AppliedOffset,
            state_bytes = record.State.Length,
            fatigue = new
            {
                history = fatigue.HistoryLength,
                recent_items = history.TakeLast(options.FatigueRecent).Select(h => new { item_id = h.ItemId, ts_ms = h.TsMs }),
                interests_seeded = fatigue.InterestsSeeded,
                day_events = fatigue.DayEventCount,
                first_ts_ms = fatigue.FirstTsMs,
                latest_ts_ms = fatigue.LatestTsMs,
            },
            lifecycle = new
            {
                items = state.LifeCycle.LogLength,
                clusters = state.LifeCycle.ClusterCount,
                version = state.LifeCycle.Version,
            },
            context = new
            {
                recent_plays = state.Context.RecentPlayCount,
                plays_last_30_min = state.Context.RecentMinutesCount,
                per_bucket_recent = context.RecentPlays.ToArray().Select(b => new { plays = b.Plays, completion = Finite(b.Completion), long_view_rate = Finite(b.LongViewRate) }),
                session = new { plays = context.Session.Plays, watch_s = context.Session.WatchS, age_s = context.Session.AgeS },
            },
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        return 0;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
