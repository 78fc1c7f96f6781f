using System.Buffers;
using System.Text.Json;
using Streaming.Core.Events;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Features;

/// <summary>
/// The feature dump of SPEC §8: runs the engines over rows without Kafka and writes, per row, the
/// features of the row's item computed from the user's state BEFORE the row (t = the row's time),
/// then applies the row. One JSON object per line (JSON Lines), keys in the order of §8, undefined
/// values as <c>null</c>, floats in their shortest round-trip form (float32 values to 9
/// significant digits at most, never fewer than needed to read back the same value).
/// </summary>
public static class FeatureDump
{
    private static readonly JsonEncodedText s_userId = JsonEncodedText.Encode("user_id");
    private static readonly JsonEncodedText s_itemId = JsonEncodedText.Encode("item_id");
    private static readonly JsonEncodedText s_tsMs = JsonEncodedText.Encode("ts_ms");
    private static readonly JsonEncodedText s_s = JsonEncodedText.Encode("S");
    private static readonly JsonEncodedText s_sim = JsonEncodedText.Encode("sim");
    private static readonly JsonEncodedText s_simMask = JsonEncodedText.Encode("sim_mask");
    private static readonly JsonEncodedText s_m = JsonEncodedText.Encode("M");
    private static readonly JsonEncodedText s_nAll = JsonEncodedText.Encode("n_all");
    private static readonly JsonEncodedText s_nSameItem = JsonEncodedText.Encode("n_same_item");
    private static readonly JsonEncodedText s_nSameCategory = JsonEncodedText.Encode("n_same_category");
    private static readonly JsonEncodedText s_nSimilar = JsonEncodedText.Encode("n_similar");
    private static readonly JsonEncodedText s_gapS = JsonEncodedText.Encode("gap_s");
    private static readonly JsonEncodedText s_sinceLastS = JsonEncodedText.Encode("since_last_s");
    private static readonly JsonEncodedText s_daysSinceFirst = JsonEncodedText.Encode("days_since_first");
    private static readonly JsonEncodedText s_clusters = JsonEncodedText.Encode("clusters");
    private static readonly JsonEncodedText s_group = JsonEncodedText.Encode("group");
    private static readonly JsonEncodedText s_size = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText s_meanCompletion = JsonEncodedText.Encode("mean_completion");
    private static readonly JsonEncodedText s_meanPlayMs = JsonEncodedText.Encode("mean_play_ms");
    private static readonly JsonEncodedText s_meanDurationMs = JsonEncodedText.Encode("mean_duration_ms");
    private static readonly JsonEncodedText s_repItem = JsonEncodedText.Encode("rep_item");
    private static readonly JsonEncodedText s_attention = JsonEncodedText.Encode("attention");
    private static readonly JsonEncodedText s_lifeCycleItems = JsonEncodedText.Encode("lifecycle_items");
    private static readonly JsonEncodedText s_ctxRecent = JsonEncodedText.Encode("ctx_recent");
    private static readonly JsonEncodedText s_ctx30Min = JsonEncodedText.Encode("ctx_30min");
    private static readonly JsonEncodedText s_plays = JsonEncodedText.Encode("plays");
    private static readonly JsonEncodedText s_share = JsonEncodedText.Encode("share");
    private static readonly JsonEncodedText s_watchS = JsonEncodedText.Encode("watch_s");
    private static readonly JsonEncodedText s_completion = JsonEncodedText.Encode("completion");
    private static readonly JsonEncodedText s_longViewRate = JsonEncodedText.Encode("long_view_rate");
    private static readonly JsonEncodedText s_skipRate = JsonEncodedText.Encode("skip_rate");
    private static readonly JsonEncodedText s_engageRate = JsonEncodedText.Encode("engage_rate");
    private static readonly JsonEncodedText s_session = JsonEncodedText.Encode("session");
    private static readonly JsonEncodedText s_ageS = JsonEncodedText.Encode("age_s");
    private static readonly JsonEncodedText s_longTerm = JsonEncodedText.Encode("long_term");

    /// <summary>Writes the dump of <paramref name="rows"/> as UTF-8 JSON Lines to <paramref name="output"/>.</summary>
    /// <param name="rows">The rows, in file order (any number of users, interleaved or not).</param>
    /// <param name="vectors">The item vectors.</param>
    /// <param name="options">The feature options.</param>
    /// <param name="output">Receives one line per row.</param>
    /// <returns>The number of rows written.</returns>
    public static long Write(IEnumerable<Interaction> rows, IItemVectors vectors, FeatureOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Run(rows, vectors, options, line =>
        {
            output.Write(line);
            output.WriteByte((byte)'\n');
        });
    }

    /// <summary>Writes the dump of <paramref name="rows"/> as JSON Lines to <paramref name="output"/>.</summary>
    /// <param name="rows">The rows, in file order (any number of users, interleaved or not).</param>
    /// <param name="vectors">The item vectors.</param>
    /// <param name="options">The feature options.</param>
    /// <param name="output">Receives one line per row.</param>
    /// <returns>The number of rows written.</returns>
    public static long Write(IEnumerable<Interaction> rows, IItemVectors vectors, FeatureOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Run(rows, vectors, options, line =>
        {
            output.Write(System.Text.Encoding.UTF8.GetString(line));
            output.Write('\n');
        });
    }

    private delegate void LineSink(ReadOnlySpan<byte> line);

    private static long Run(IEnumerable<Interaction> rows, IItemVectors vectors, FeatureOptions options, LineSink sink)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var engine = new FeatureEngine(options, vectors);
        var users = new Dictionary<long, UserState>();
        var candidate = engine.CreateCandidateFeatures();
        var context = engine.CreateContextFeatures();
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var json = new Utf8JsonWriter(buffer);
        var count = 0L;
        foreach (var row in rows)
        {
            if (!users.TryGetValue(row.UserId, out var state))
            {
                state = engine.CreateState(row.UserId);
                users.Add(row.UserId, state);
            }
            engine.ComputeCandidate(state, row.TsMs, new Candidate(row.ItemId, row.AuthorId, row.Category, row.DurationMs), candidate);
            engine.ComputeContext(state, row.TsMs, context);

            buffer.ResetWrittenCount();
            json.Reset(buffer);
            WriteRow(json, candidate, context);
            json.Flush();
            sink(buffer.WrittenSpan);

            engine.Apply(state, row);
            count++;
        }
        return count;
    }

    private static void WriteRow(Utf8JsonWriter json, CandidateFeatures candidate, ContextFeatures context)
    {
        var fatigue = candidate.Fatigue;
        json.WriteStartObject();
        json.WriteNumber(s_userId, candidate.UserId);
        json.WriteNumber(s_itemId, candidate.ItemId);
        json.WriteNumber(s_tsMs, candidate.TsMs);

        json.WritePropertyName(s_s);
        WriteMatrix(json, fatigue.S, fatigue.Recent);
        json.WritePropertyName(s_sim);
        WriteArray(json, fatigue.Sim);
        json.WriteStartArray(s_simMask);
        foreach (var mask in fatigue.SimMask)
        {
            json.WriteNumberValue((int)mask);
        }
        json.WriteEndArray();
        json.WritePropertyName(s_m);
        WriteMatrix(json, fatigue.M, fatigue.InterestCount);
        WriteCounts(json, s_nAll, fatigue.NAll);
        WriteCounts(json, s_nSameItem, fatigue.NSameItem);
        WriteCounts(json, s_nSameCategory, fatigue.NSameCategory);
        WriteCounts(json, s_nSimilar, fatigue.NSimilar);
        json.WriteStartArray(s_gapS);
        foreach (var gap in fatigue.GapS)
        {
            WriteValue(json, gap);
        }
        json.WriteEndArray();
        json.WritePropertyName(s_sinceLastS);
        WriteValue(json, fatigue.SinceLastS);
        json.WritePropertyName(s_daysSinceFirst);
        WriteValue(json, fatigue.DaysSinceFirst);

        json.WriteStartArray(s_clusters);
        foreach (var cluster in candidate.Clusters)
        {
            json.WriteStartObject();
            json.WriteNumber(s_group, cluster.Group);
            json.WriteNumber(s_size, cluster.Size);
            json.WritePropertyName(s_meanCompletion);
            WriteValue(json, cluster.MeanCompletion);
            json.WritePropertyName(s_meanPlayMs);
            WriteValue(json, cluster.MeanPlayMs);
            json.WritePropertyName(s_meanDurationMs);
            WriteValue(json, cluster.MeanDurationMs);
            json.WriteNumber(s_repItem, cluster.RepresentativeItem);
            json.WritePropertyName(s_attention);
            WriteValue(json, cluster.Attention);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber(s_lifeCycleItems, candidate.LifeCycleItems);

        WriteBuckets(json, s_ctxRecent, context.RecentPlays);
        WriteBuckets(json, s_ctx30Min, context.RecentMinutes);
        json.WriteStartObject(s_session);
        json.WriteNumber(s_plays, context.Session.Plays);
        json.WritePropertyName(s_watchS);
        WriteValue(json, context.Session.WatchS);
        json.WritePropertyName(s_ageS);
        WriteValue(json, context.Session.AgeS);
        json.WriteEndObject();
        json.WriteStartArray(s_longTerm);
        foreach (var bucket in context.LongTerm)
        {
            json.WriteStartObject();
            json.WriteNumber(s_plays, bucket.Plays);
            json.WritePropertyName(s_completion);
            WriteValue(json, bucket.Completion);
            json.WritePropertyName(s_longViewRate);
            WriteValue(json, bucket.LongViewRate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBuckets(Utf8JsonWriter json, JsonEncodedText name, ReadOnlySpan<BucketStats> buckets)
    {
        json.WriteStartArray(name);
        foreach (var bucket in buckets)
        {
            json.WriteStartObject();
            json.WriteNumber(s_plays, bucket.Plays);
            json.WritePropertyName(s_share);
            WriteValue(json, bucket.Share);
            json.WritePropertyName(s_watchS);
            WriteValue(json, bucket.WatchS);
            json.WritePropertyName(s_completion);
            WriteValue(json, bucket.Completion);
            json.WritePropertyName(s_longViewRate);
            WriteValue(json, bucket.LongViewRate);
            json.WritePropertyName(s_skipRate);
            WriteValue(json, bucket.SkipRate);
            json.WritePropertyName(s_engageRate);
            WriteValue(json, bucket.EngageRate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter json, JsonEncodedText name, ReadOnlySpan<int> counts)
    {
        json.WriteStartArray(name);
        foreach (var count in counts)
        {
            json.WriteNumberValue(count);
        }
        json.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter json, ReadOnlySpan<float> values, int columns)
    {
        json.WriteStartArray();
        for (var row = 0; row < values.Length / columns; row++)
        {
            WriteArray(json, values.Slice(row * columns, columns));
        }
        json.WriteEndArray();
    }

    private static void WriteArray(Utf8JsonWriter json, ReadOnlySpan<float> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            WriteValue(json, value);
        }
        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
