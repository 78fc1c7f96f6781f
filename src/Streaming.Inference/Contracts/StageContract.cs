using System.Text.Json;

namespace Streaming.Inference.Contracts;

/// <summary>
/// The input/output contract of one model stage (SPEC §6), as kept in
/// <c>schemas/models/&lt;stage&gt;.json</c>: named float32 tensors whose first dimension is the
/// symbolic batch dimension. A model may serve a stage only if its inputs and outputs are exactly
/// these (<see cref="ContractValidator"/>).
/// </summary>
public sealed class StageContract
{
    private StageContract(
        string stage,
        int contractVersion,
        string description,
        IReadOnlyList<ContractTensor> inputs,
        IReadOnlyList<ContractTensor> outputs)
    {
        Stage = stage;
        ContractVersion = contractVersion;
        Description = description;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The stage name (<c>fatigue</c>, <c>uplift</c>).</summary>
    public string Stage { get; }

    /// <summary>The contract's version; a manifest names the version its model was built for.</summary>
    public int ContractVersion { get; }

    /// <summary>The human description from the contract file.</summary>
    public string Description { get; }

    /// <summary>The inputs, in the contract file's order (the order of batch buffers and requests).</summary>
    public IReadOnlyList<ContractTensor> Inputs { get; }

    /// <summary>The outputs, in the contract file's order.</summary>
    public IReadOnlyList<ContractTensor> Outputs { get; }

    /// <summary>The position of the input named <paramref name="name"/>, or -1.</summary>
    public int InputIndex(string name) => IndexOf(Inputs, name);

    /// <summary>The position of the output named <paramref name="name"/>, or -1.</summary>
    public int OutputIndex(string name) => IndexOf(Outputs, name);

    /// <summary>Parses a contract file. Throws <see cref="FormatException"/> when it is malformed.</summary>
    public static StageContract Parse(Stream utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return Parse(document.RootElement);
    }

    /// <summary>Parses a contract from its JSON text. Throws <see cref="FormatException"/> when malformed.</summary>
    public static StageContract Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    private static StageContract Parse(JsonElement root)
    {
        try
        {
            var stage = root.GetProperty("stage").GetString() ?? throw Malformed("stage is null");
            var version = root.GetProperty("contract_version").GetInt32();
            var description = root.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            var inputs = ParseTensors(root.GetProperty("inputs"));
            var outputs = ParseTensors(root.GetProperty("outputs"));
            if (inputs.Count == 0 || outputs.Count == 0)
            {
                throw Malformed("a contract needs at least one input and one output");
            }

            var names = inputs.Concat(outputs).Select(t => t.Name).ToList();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            {
                throw Malformed("tensor names must be distinct");
            }

            return new StageContract(stage, version, description, inputs, outputs);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw Malformed(e.Message);
        }
    }

    private static List<ContractTensor> ParseTensors(JsonElement array)
    {
        var tensors = new List<ContractTensor>();
        foreach (var t in array.EnumerateArray())
        {
            var name = t.GetProperty("name").GetString() ?? throw Malformed("tensor name is null");
            var type = t.GetProperty("type").GetString() switch
            {
                "float32" => ContractElementType.Float32,
                var other => throw Malformed($"tensor '{name}': unsupported type '{other}'"),
            };
            var shape = t.GetProperty("shape");
            if (shape.GetArrayLength() < 2 || shape[0].ValueKind != JsonValueKind.String)
            {
                throw Malformed($"tensor '{name}': the shape must start with the batch dimension and have rank >= 2");
            }

            var batch = shape[0].GetString()!;
            var dims = new List<long> { -1 };
            for (var i = 1; i < shape.GetArrayLength(); i++)
            {
                if (shape[i].ValueKind != JsonValueKind.Number || !shape[i].TryGetInt64(out var dim) || dim <= 0)
                {
                    throw Malformed($"tensor '{name}': dimension {i} must be a positive integer");
                }

                dims.Add(dim);
            }

            float? min = null, max = null;
            if (t.TryGetProperty("range", out var range))
            {
                min = range[0].GetSingle();
                max = range[1].GetSingle();
            }

            tensors.Add(new ContractTensor(name, type, batch, dims, min, max));
        }

        return tensors;
    }

    private static int IndexOf(IReadOnlyList<ContractTensor> tensors, string name)
    {
        for (var i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static FormatException Malformed(string why) => new($"Malformed stage contract: {why}");
}
