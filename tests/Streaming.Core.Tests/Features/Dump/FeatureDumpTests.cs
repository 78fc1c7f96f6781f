using System.Text.Json;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Tests.Features.Reference;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Dump;

public sealed class FeatureDumpTests
{
    private static readonly string[] s_keys =
    [
        "user_id", "item_id", "ts_ms",
        "S", "sim", "sim_mask", "M", "n_all", "n_same_item", "n_same_category", "n_similar", "gap_s", "since_last_s", "days_since_first",
        "clusters", "lifecycle_items",
        "ctx_recent", "ctx_30min", "session", "long_term",
    ];

    private static readonly string[] s_bucketKeys = ["plays", "share", "watch_s", "completion", "long_view_rate", "skip_rate", "engage_rate"];
    private static readonly string[] s_clusterKeys = ["group", "size", "mean_completion", "mean_play_ms", "mean_duration_ms", "rep_item", "attention"];

    private static readonly FeatureOptions s_options = FeatureOptions.Default;
    private static readonly ClusteredItemVectors s_vectors = new(32);

    [Fact]
    public void Every_line_is_one_object_with_the_keys_of_section_8_in_order()
    {
        var (rows, lines) = Dump(Rows());
        Assert.Equal(rows.Count, lines.Count);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(s_keys, root.EnumerateObject().Select(p => p.Name));
            foreach (var window in new[] { "ctx_recent", "ctx_30min" })
            {
                Assert.Equal(6, root.GetProperty(window).GetArrayLength());
                Assert.All(root.GetProperty(window).EnumerateArray(), b => Assert.Equal(s_bucketKeys, b.EnumerateObject().Select(p => p.Name)));
            }
            Assert.Equal(["plays", "watch_s", "age_s"], root.GetProperty("session").EnumerateObject().Select(p => p.Name));
            Assert.All(root.GetProperty("long_term").EnumerateArray(), b => Assert.Equal(["plays", "completion", "long_view_rate"], b.EnumerateObject().Select(p => p.Name)));
            Assert.All(root.GetProperty("clusters").EnumerateArray(), c => Assert.Equal(s_clusterKeys, c.EnumerateObject().Select(p => p.Name)));
            Assert.Equal(6, root.GetProperty("S").GetArrayLength());
            Assert.All(root.GetProperty("S").EnumerateArray(), r => Assert.Equal(6, r.GetArrayLength()));
            Assert.All(root.GetProperty("M").EnumerateArray(), r => Assert.Equal(6, r.GetArrayLength()));
            Assert.Equal(5, root.GetProperty("gap_s").GetArrayLength());
        }
    }

    [Fact]
    public void Each_row_has_the_features_of_the_state_before_it_for_its_own_item()
    {
        var (rows, lines) = Dump(Rows());
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var before = rows.Take(r).Where(x => x.UserId == row.UserId).ToList();
            var root = JsonDocument.Parse(lines[r]).RootElement;
            var where = $"row {r}";
            Assert.Equal(row.UserId, root.GetProperty("user_id").GetInt64());
            Assert.Equal(row.ItemId, root.GetProperty("item_id").GetInt64());
            Assert.Equal(row.TsMs, root.GetProperty("ts_ms").GetInt64());

            var fatigue = ReferenceFatigue.Compute(before, s_vectors, s_options, row.TsMs, row.ItemId, row.Category);
            Expect.Close(fatigue.S, Floats(root.GetProperty("S")), 1e-5, "S " + where);
            Expect.Close(fatigue.Sim, Floats(root.GetProperty("sim")), 1e-5, "sim " + where);
            Expect.Close(fatigue.Sim.Select(x => double.IsNaN(x) ? 0.0 : 1.0).ToArray(), Floats(root.GetProperty("sim_mask")), 0, "sim_mask " + where);
            Expect.Close(fatigue.M, Floats(root.GetProperty("M")), 1e-5, "M " + where);
            Expect.Counts(fatigue.NAll, Ints(root.GetProperty("n_all")), "n_all " + where);
            Expect.Counts(fatigue.NSameItem, Ints(root.GetProperty("n_same_item")), "n_same_item " + where);
            Expect.Counts(fatigue.NSameCategory, Ints(root.GetProperty("n_same_category")), "n_same_category " + where);
            Expect.Counts(fatigue.NSimilar, Ints(root.GetProperty("n_similar")), "n_similar " + where);
            Expect.Close(fatigue.GapS, Floats(root.GetProperty("gap_s")), 0, "gap_s " + where);
            Expect.Close(fatigue.SinceLastS, Number(root.GetProperty("since_last_s")), 0, "since_last_s " + where);
            Expect.Close(fatigue.DaysSinceFirst, Number(root.GetProperty("days_since_first")), 1e-12, "days_since_first " + where);

            var context = ReferenceContext.Compute(before, s_options, row.TsMs);
            for (var b = 0; b < 6; b++)
            {
                var recent = root.GetProperty("ctx_recent")[b];
                Expect.Equal(context.Recent[b].Plays, recent.GetProperty("plays").GetInt32(), $"ctx_recent[{b}].plays {where}");
                Expect.Close(context.Recent[b].Completion, Number(recent.GetProperty("completion")), 1e-9, $"ctx_recent[{b}].completion {where}");
                Expect.Close(context.Recent[b].Share, Number(recent.GetProperty("share")), 1e-9, $"ctx_recent[{b}].share {where}");
                var last30 = root.GetProperty("ctx_30min")[b];
                Expect.Equal(context.Last30Min[b].Plays, last30.GetProperty("plays").GetInt32(), $"ctx_30min[{b}].plays {where}");
                Expect.Close(context.Last30Min[b].SkipRate, Number(last30.GetProperty("skip_rate")), 1e-9, $"ctx_30min[{b}].skip_rate {where}");
                var longTerm = root.GetProperty("long_term")[b];
                Expect.Equal(context.LongTerm[b].Plays, longTerm.GetProperty("plays").GetInt32(), $"long_term[{b}].plays {where}");
                Expect.Close(context.LongTerm[b].LongViewRate, Number(longTerm.GetProperty("long_view_rate")), 1e-9, $"long_term[{b}].long_view_rate {where}");
            }
            var session = root.GetProperty("session");
            Expect.Equal(context.SessionPlays, session.GetProperty("plays").GetInt32(), "session.plays " + where);
            Expect.Close(context.SessionAgeS, Number(session.GetProperty("age_s")), 0, "session.age_s " + where);
        }
    }

    [Fact]
    public void Undefined_values_are_null_on_a_users_first_row()
    {
        var (_, lines) = Dump(Rows());
        var root = JsonDocument.Parse(lines[0]).RootElement;
        Assert.All(root.GetProperty("S").EnumerateArray().SelectMany(r => r.EnumerateArray()), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.All(root.GetProperty("sim").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.All(root.GetProperty("sim_mask").EnumerateArray(), v => Assert.Equal(0, v.GetInt32()));
        Assert.All(root.GetProperty("gap_s").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("since_last_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("days_since_first").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ctx_recent")[0].GetProperty("completion").ValueKind);
        Assert.Equal(0, root.GetProperty("ctx_recent")[0].GetProperty("watch_s").GetDouble());
        Assert.Equal(0, root.GetProperty("lifecycle_items").GetInt32());
        Assert.Equal(0, root.GetProperty("clusters").GetArrayLength());
    }

    [Fact]
    public void Floats_are_written_precisely_enough_to_read_back_the_same_value()
    {
        var (rows, lines) = Dump(Rows());
        var engine = new FeatureEngine(s_options, s_vectors);
        var state = engine.CreateState(rows[0].UserId);
        var features = engine.CreateCandidateFeatures();
        var checkedValues = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].UserId != state.UserId)
            {
                continue;
            }
            engine.ComputeCandidate(state, rows[r].TsMs, new Candidate(rows[r].ItemId, -1, rows[r].Category, rows[r].DurationMs), features);
            var sims = JsonDocument.Parse(lines[r]).RootElement.GetProperty("sim").EnumerateArray().ToArray();
            for (var i = 0; i < sims.Length; i++)
            {
                if (sims[i].ValueKind == JsonValueKind.Number)
                {
                    Assert.Equal(features.Fatigue.Sim[i], (float)sims[i].GetDouble());
                    Assert.True(sims[i].GetRawText().TrimStart('-', '0', '.').Length >= 6 || (double)features.Fatigue.Sim[i] == sims[i].GetDouble());
                    checkedValues++;
                }
            }
            engine.Apply(state, rows[r]);
        }
        Assert.True(checkedValues > 20);
    }

    [Fact]
    public void Life_cycle_fields_list_clusters_by_attention_and_count_the_log()
    {
        var (rows, lines) = Dump(Rows());
        for (var r = 0; r < rows.Count; r++)
        {
            var root = JsonDocument.Parse(lines[r]).RootElement;
            var known = rows.Take(r).Count(x => x.UserId == rows[r].UserId && x.DurationMs > 0);
            Assert.Equal(known, root.GetProperty("lifecycle_items").GetInt32());
            var attention = root.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("attention").GetDouble()).ToList();
            Assert.True(attention.Count <= s_options.LifeCycleTopClusters);
            Assert.Equal(attention.OrderByDescending(a => a), attention);
            Assert.True(attention.Count == 0 || Math.Abs(attention.Sum() - 1) < 1e-6, $"row {r}: attention sums to {attention.Sum()}");
            Assert.Equal(known > 0, attention.Count > 0);
        }
    }

    [Fact]
    public void The_stream_and_text_writer_forms_write_the_same_lines()
    {
        var rows = Rows();
        using var stream = new MemoryStream();
        Assert.Equal(rows.Count, FeatureDump.Write(rows, s_vectors, s_options, stream));
        var text = new StringWriter();
        FeatureDump.Write(rows, s_vectors, s_options, text);
        Assert.Equal(text.ToString(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.EndsWith("}\n", text.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Two users interleaved, each in time order (as in a KuaiRand file sorted by time).</summary>
    private static List<Interaction> Rows()
    {
        var rows = new List<Interaction>();
        var random = new Random(5);
        var ts = new Dictionary<long, long> { [1] = 1_651_314_030_792, [2] = 1_651_300_000_000 };
        for (var i = 0; i < 60; i++)
        {
            var user = i % 3 == 2 ? 2L : 1L;
            ts[user] += random.Next(4) switch { 0 => 0, 1 => random.Next(1, 120_000), 2 => 30 * MinuteMs, _ => random.Next(1, 5) * HourMs };
            var duration = random.Next(5) == 0 ? 0 : random.Next(3_000, 200_000);
            rows.Add(new Interaction
            {
                EventId = $"{user}-{ts[user]}-{i}",
                UserId = user,
                ItemId = random.Next(1, 7),
                DurationMs = duration,
                PlayTimeMs = random.Next(0, 250_000),
                TsMs = ts[user],
                Click = random.Next(2) == 0,
                LongView = random.Next(3) == 0,
                Like = random.Next(5) == 0,
            });
        }
        return rows;
    }

    private static (List<Interaction> Rows, List<string> Lines) Dump(List<Interaction> rows)
    {
        var text = new StringWriter();
        FeatureDump.Write(rows, s_vectors, s_options, text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return (rows, lines);
    }

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    private static double[] Floats(JsonElement array) =>
        array.EnumerateArray().SelectMany(x => x.ValueKind == JsonValueKind.Array ? x.EnumerateArray().ToArray() : [x]).Select(Number).ToArray();

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(x => x.GetInt32()).ToArray();
}
