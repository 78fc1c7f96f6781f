using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The hand-rolled Avro codec of <see cref="ScoringRequest"/>, field for field the schema in
/// <see cref="MirroredResource"/> (see <see cref="InteractionAvro"/> for how it is kept honest).
/// </summary>
internal static class ScoringRequestAvro
{
    public const string MirroredResource = "schemas/events/ScoringRequest/v2.avsc";

    // item_id, author_id, category, duration_ms: four varints of at least one byte each.
    private const int MinCandidateBytes = 4;

    public static void Write(AvroBufferWriter writer, ScoringRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(r.Candidates, "candidates");
        writer.WriteString(r.RequestId, "request_id");
        writer.WriteLong(r.UserId);
        writer.WriteLong(r.TsMs);
        writer.WriteArrayStart(r.Candidates.Count);
        for (var i = 0; i < r.Candidates.Count; i++)
        {
            var c = r.Candidates[i];
            writer.WriteLong(c.ItemId);
            writer.WriteLong(c.AuthorId);
            writer.WriteInt(c.Category);
            writer.WriteInt(c.DurationMs);
        }
        writer.WriteArrayEnd();
        writer.WriteNullableBranch(r.Treatment.HasValue);
        if (r.Treatment is int treatment)
        {
            writer.WriteInt(treatment);
        }
        writer.WriteNullableBranch(r.Surface is not null);
        if (r.Surface is not null)
        {
            writer.WriteString(r.Surface, "surface");
        }
    }

    /// <summary>Reads one body; null when the reader failed (its error says why).</summary>
    public static ScoringRequest? Read(ref AvroSpanReader reader)
    {
        var requestId = reader.ReadString();
        var userId = reader.ReadLong();
        var tsMs = reader.ReadLong();
        var candidates = new List<Candidate>();
        for (var count = reader.ReadBlockCount(MinCandidateBytes); count > 0; count = reader.ReadBlockCount(MinCandidateBytes))
        {
            candidates.EnsureCapacity(candidates.Count + count);
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                candidates.Add(new Candidate(reader.ReadLong(), reader.ReadLong(), reader.ReadInt(), reader.ReadInt()));
            }
        }
        int? treatment = reader.ReadUnionIndex(2) == 1 ? reader.ReadInt() : null;
        var surface = reader.ReadUnionIndex(2) == 1 ? reader.ReadString() : null;
        if (reader.Failed)
        {
            return null;
        }
        return new ScoringRequest
        {
            RequestId = requestId,
            UserId = userId,
            TsMs = tsMs,
            Candidates = candidates,
            Treatment = treatment,
            Surface = surface,
        };
    }
}
