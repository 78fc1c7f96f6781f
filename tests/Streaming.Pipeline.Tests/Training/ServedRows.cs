using Streaming.Core.Datasets;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.ModelInputs;

namespace Streaming.Pipeline.Tests.Training;

/// <summary>
/// The independent reference of what a sample log must hold: every request's contract rows
/// recomputed with the feature engine over the user's history in dataset order (no Kafka, no
/// store, no scorer), keyed by (request_id, item_id; -1 for the uplift row).
/// </summary>
internal static class ServedRows
{
    public static Dictionary<(string RequestId, long ItemId), float[]> Expected(FeatureEngine engine, IEnumerable<DatasetEvent> events)
    {
        var options = engine.Options;
        var states = new Dictionary<long, UserState>();
        var candidate = engine.CreateCandidateFeatures();
        var context = engine.CreateContextFeatures();
        var rows = new Dictionary<(string, long), float[]>();
        foreach (var e in events)
        {
            if (!states.TryGetValue(e.UserId, out var state))
            {
                state = engine.CreateState(e.UserId);
                states.Add(e.UserId, state);
            }
            if (e.Interaction is { } interaction)
            {
                engine.Apply(state, interaction);
                continue;
            }
            var request = e.Request!;
            foreach (var c in request.Candidates)
            {
                engine.ComputeCandidate(state, request.TsMs, c, candidate);
                var row = new float[FatigueModelInput.RowSize(options)];
                FatigueModelInput.Over(row, options).Write(candidate);
                rows.Add((request.RequestId, c.ItemId), row);
            }
            engine.ComputeContext(state, request, context);
            var uplift = new float[UpliftModelInput.RowSize(options)];
            UpliftModelInput.Over(uplift, options).Write(context);
            rows.Add((request.RequestId, TrainingSample.RequestRow), uplift);
        }
        return rows;
    }
}
