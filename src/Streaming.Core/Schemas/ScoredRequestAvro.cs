using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The hand-rolled Avro codec of <see cref="ScoredRequest"/>, field for field the schema in
/// <see cref="MirroredResource"/> (see <see cref="InteractionAvro"/> for how it is kept honest).
/// </summary>
internal static class ScoredRequestAvro
{
    public const string MirroredResource = "schemas/events/ScoredRequest/v1.avsc";

    // item_id varint (at least one byte), p_engage and fatigue floats (four bytes each).
    private const int MinScoreBytes = 1 + 4 + 4;

    public static void Write(AvroBufferWriter writer, ScoredRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(r.Scores, "scores");
        ArgumentNullException.ThrowIfNull(r.Uplift, "uplift");
        ArgumentNullException.ThrowIfNull(r.ModelVersions, "model_versions");
        writer.WriteString(r.RequestId, "request_id");
        writer.WriteLong(r.UserId);
        writer.WriteLong(r.TsMs);
        writer.WriteArrayStart(r.Scores.Count);
        for (var i = 0; i < r.Scores.Count; i++)
        {
            var s = r.Scores[i] ?? throw new ArgumentException($"scores[{i}] is null.", nameof(r));
            writer.WriteLong(s.ItemId);
            writer.WriteFloat(s.PEngage);
            writer.WriteFloat(s.Fatigue);
        }
        writer.WriteArrayEnd();
        writer.WriteArrayStart(r.Uplift.Count);
        for (var i = 0; i < r.Uplift.Count; i++)
        {
            writer.WriteFloat(r.Uplift[i]);
        }
        writer.WriteArrayEnd();
        writer.WriteInt(r.ChosenTreatment);
        writer.WriteArrayStart(r.ModelVersions.Count);
        for (var i = 0; i < r.ModelVersions.Count; i++)
        {
            writer.WriteString(r.ModelVersions[i], "model_versions");
        }
        writer.WriteArrayEnd();
        writer.WriteInt(r.SourcePartition);
        writer.WriteLong(r.SourceOffset);
    }

    /// <summary>Reads one body; null when the reader failed (its error says why).</summary>
    public static ScoredRequest? Read(ref AvroSpanReader reader)
    {
        var requestId = reader.ReadString();
        var userId = reader.ReadLong();
        var tsMs = reader.ReadLong();
        var scores = new List<CandidateScore>();
        for (var count = reader.ReadBlockCount(MinScoreBytes); count > 0; count = reader.ReadBlockCount(MinScoreBytes))
        {
            scores.EnsureCapacity(scores.Count + count);
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                scores.Add(new CandidateScore { ItemId = reader.ReadLong(), PEngage = reader.ReadFloat(), Fatigue = reader.ReadFloat() });
            }
        }
        var uplift = new List<float>();
        for (var count = reader.ReadBlockCount(sizeof(float)); count > 0; count = reader.ReadBlockCount(sizeof(float)))
        {
            uplift.EnsureCapacity(uplift.Count + count);
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                uplift.Add(reader.ReadFloat());
            }
        }
        var chosenTreatment = reader.ReadInt();
        var modelVersions = new List<string>();
        for (var count = reader.ReadBlockCount(1); count > 0; count = reader.ReadBlockCount(1))
        {
            modelVersions.EnsureCapacity(modelVersions.Count + count);
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                modelVersions.Add(reader.ReadString());
            }
        }
        var sourcePartition = reader.ReadInt();
        var sourceOffset = reader.ReadLong();
        if (reader.Failed)
        {
            return null;
        }
        return new ScoredRequest
        {
            RequestId = requestId,
            UserId = userId,
            TsMs = tsMs,
            Scores = scores,
            Uplift = uplift,
            ChosenTreatment = chosenTreatment,
            ModelVersions = modelVersions,
            SourcePartition = sourcePartition,
            SourceOffset = sourceOffset,
        };
    }
}
