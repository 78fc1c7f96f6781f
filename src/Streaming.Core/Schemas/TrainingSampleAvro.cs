using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The hand-rolled Avro codec of <see cref="TrainingSample"/>, field for field the schema in
/// <see cref="MirroredResource"/> (see <see cref="InteractionAvro"/> for how it is kept honest).
/// </summary>
internal static class TrainingSampleAvro
{
    public const string MirroredResource = "schemas/events/TrainingSample/v1.avsc";

    public static void Write(AvroBufferWriter writer, TrainingSample s)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(s.ModelVersions, "model_versions");
        writer.WriteString(s.RequestId, "request_id");
        writer.WriteLong(s.UserId);
        writer.WriteLong(s.TsMs);
        writer.WriteLong(s.ItemId);
        writer.WriteArrayStart(s.ModelVersions.Count);
        for (var i = 0; i < s.ModelVersions.Count; i++)
        {
            writer.WriteString(s.ModelVersions[i], "model_versions");
        }
        writer.WriteArrayEnd();
        writer.WriteString(s.FeatureLayout, "feature_layout");
        var features = s.Features.Span;
        writer.WriteArrayStart(features.Length);
        writer.WriteFloats(features);
        writer.WriteArrayEnd();
        writer.WriteNullableBranch(s.Treatment.HasValue);
        if (s.Treatment is int treatment)
        {
            writer.WriteInt(treatment);
        }
        writer.WriteNullableBranch(s.LabelEngaged.HasValue);
        if (s.LabelEngaged is bool engaged)
        {
            writer.WriteBoolean(engaged);
        }
        writer.WriteNullableBranch(s.LabelPlayTimeMs.HasValue);
        if (s.LabelPlayTimeMs is int playTime)
        {
            writer.WriteInt(playTime);
        }
        writer.WriteNullableBranch(s.LabelLongPlayRatio.HasValue);
        if (s.LabelLongPlayRatio is float ratio)
        {
            writer.WriteFloat(ratio);
        }
        writer.WriteNullableBranch(s.LabelTsMs.HasValue);
        if (s.LabelTsMs is long labelTs)
        {
            writer.WriteLong(labelTs);
        }
    }

    /// <summary>Reads one body; null when the reader failed (its error says why).</summary>
    public static TrainingSample? Read(ref AvroSpanReader reader)
    {
        var requestId = reader.ReadString();
        var userId = reader.ReadLong();
        var tsMs = reader.ReadLong();
        var itemId = reader.ReadLong();
        var modelVersions = new List<string>();
        for (var count = reader.ReadBlockCount(1); count > 0; count = reader.ReadBlockCount(1))
        {
            modelVersions.EnsureCapacity(modelVersions.Count + count);
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                modelVersions.Add(reader.ReadString());
            }
        }
        var featureLayout = reader.ReadString();
        var features = ReadFloats(ref reader);
        int? treatment = reader.ReadUnionIndex(2) == 1 ? reader.ReadInt() : null;
        bool? engaged = reader.ReadUnionIndex(2) == 1 ? reader.ReadBoolean() : null;
        int? playTime = reader.ReadUnionIndex(2) == 1 ? reader.ReadInt() : null;
        float? ratio = reader.ReadUnionIndex(2) == 1 ? reader.ReadFloat() : null;
        long? labelTs = reader.ReadUnionIndex(2) == 1 ? reader.ReadLong() : null;
        if (reader.Failed)
        {
            return null;
        }
        return new TrainingSample
        {
            RequestId = requestId,
            UserId = userId,
            TsMs = tsMs,
            ItemId = itemId,
            ModelVersions = modelVersions,
            FeatureLayout = featureLayout,
            Features = features,
            Treatment = treatment,
            LabelEngaged = engaged,
            LabelPlayTimeMs = playTime,
            LabelLongPlayRatio = ratio,
            LabelTsMs = labelTs,
        };
    }

    // Usually one block (the writer's); several are concatenated.
    private static float[] ReadFloats(ref AvroSpanReader reader)
    {
        var features = Array.Empty<float>();
        for (var count = reader.ReadBlockCount(sizeof(float)); count > 0; count = reader.ReadBlockCount(sizeof(float)))
        {
            var start = features.Length;
            Array.Resize(ref features, start + count);
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                features[start + i] = reader.ReadFloat();
            }
        }
        return features;
    }
}
