using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The hand-rolled Avro codec of <see cref="Interaction"/>, field for field the schema in
/// <see cref="MirroredResource"/>. Tests check it against Apache.Avro's generic reader and
/// writer; <see cref="EventSchemaSet"/> refuses to start when the current schema is not this one.
/// </summary>
internal static class InteractionAvro
{
    public const string MirroredResource = "schemas/events/Interaction/v2.avsc";

    public static void Write(AvroBufferWriter writer, Interaction e)
    {
        ArgumentNullException.ThrowIfNull(e);
        writer.WriteString(e.EventId, "event_id");
        writer.WriteLong(e.UserId);
        writer.WriteLong(e.ItemId);
        writer.WriteLong(e.AuthorId);
        writer.WriteInt(e.Category);
        writer.WriteInt(e.DurationMs);
        writer.WriteLong(e.TsMs);
        writer.WriteInt(e.PlayTimeMs);
        writer.WriteBoolean(e.Click);
        writer.WriteBoolean(e.LongView);
        writer.WriteBoolean(e.Like);
        writer.WriteBoolean(e.Follow);
        writer.WriteBoolean(e.Comment);
        writer.WriteBoolean(e.Forward);
        writer.WriteBoolean(e.Hate);
        writer.WriteNullableBranch(e.RequestId is not null);
        if (e.RequestId is not null)
        {
            writer.WriteString(e.RequestId, "request_id");
        }
        writer.WriteNullableBranch(e.Tab.HasValue);
        if (e.Tab is int tab)
        {
            writer.WriteInt(tab);
        }
        writer.WriteNullableBranch(e.Surface is not null);
        if (e.Surface is not null)
        {
            writer.WriteString(e.Surface, "surface");
        }
    }

    /// <summary>Reads one body; null when the reader failed (its error says why).</summary>
    public static Interaction? Read(ref AvroSpanReader reader)
    {
        var eventId = reader.ReadString();
        var userId = reader.ReadLong();
        var itemId = reader.ReadLong();
        var authorId = reader.ReadLong();
        var category = reader.ReadInt();
        var durationMs = reader.ReadInt();
        var tsMs = reader.ReadLong();
        var playTimeMs = reader.ReadInt();
        var click = reader.ReadBoolean();
        var longView = reader.ReadBoolean();
        var like = reader.ReadBoolean();
        var follow = reader.ReadBoolean();
        var comment = reader.ReadBoolean();
        var forward = reader.ReadBoolean();
        var hate = reader.ReadBoolean();
        var requestId = reader.ReadUnionIndex(2) == 1 ? reader.ReadString() : null;
        int? tab = reader.ReadUnionIndex(2) == 1 ? reader.ReadInt() : null;
        var surface = reader.ReadUnionIndex(2) == 1 ? reader.ReadString() : null;
        if (reader.Failed)
        {
            return null;
        }
        return new Interaction
        {
            EventId = eventId,
            UserId = userId,
            ItemId = itemId,
            AuthorId = authorId,
            Category = category,
            DurationMs = durationMs,
            TsMs = tsMs,
            PlayTimeMs = playTimeMs,
            Click = click,
            LongView = longView,
            Like = like,
            Follow = follow,
            Comment = comment,
            Forward = forward,
            Hate = hate,
            RequestId = requestId,
            Tab = tab,
            Surface = surface,
        };
    }
}
