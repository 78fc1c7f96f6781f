using System.Runtime.InteropServices;
using Google.Protobuf;
using Streaming.Inference.Onnx.Proto;

namespace Streaming.Inference.Onnx;

/// <summary>
/// Writes an ONNX model (IR version 8, default-domain opset 17) from weights, one node at a time.
/// Every operator method returns the name of the value it produces; pass <c>output</c> to give
/// that value a chosen name (a graph output must carry the output's name). Float32 only, which is
/// all the stage contracts use. Not thread-safe; one builder writes one model.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX IR version written (8: ONNX 1.10+, read by every ONNX Runtime since 1.10).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set version the nodes bind to.</summary>
    public const long OpsetVersion = 17;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>Starts an empty graph named <paramref name="graphName"/>.</summary>
    public OnnxGraphBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Declares a float32 graph input and returns its name.</summary>
    public string AddInput(string name, ReadOnlySpan<OnnxDim> shape)
    {
        Claim(name);
        _graph.Input.Add(ValueInfo(name, shape));
        return name;
    }

    /// <summary>Declares the float32 value <paramref name="name"/> as a graph output of <paramref name="shape"/>.</summary>
    public void AddOutput(string name, ReadOnlySpan<OnnxDim> shape)
    {
        if (!_names.Contains(name))
        {
            throw new ArgumentException($"No value named '{name}' exists in the graph.", nameof(name));
        }

        _graph.Output.Add(ValueInfo(name, shape));
    }

    /// <summary>Adds a float32 constant of <paramref name="dims"/> (row-major <paramref name="values"/>).</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> values, ReadOnlySpan<long> dims)
    {
        CheckCount(values.Length, dims);
        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims.ToArray());
        tensor.RawData = LittleEndianBytes(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 constant of <paramref name="dims"/> (shapes for Reshape, indices for Slice).</summary>
    public string AddInitializer(string name, ReadOnlySpan<long> values, ReadOnlySpan<long> dims)
    {
        CheckCount(values.Length, dims);
        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims.ToArray());
        tensor.RawData = LittleEndianBytes(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary><c>Gemm</c>: alpha·A'·B' + beta·C, with A' = Aᵀ when <paramref name="transA"/>, B' likewise.</summary>
    public string Gemm(string a, string b, string? c, bool transA = false, bool transB = false, string? output = null)
    {
        var node = Node("Gemm", output, c is null ? [a, b] : [a, b, c]);
        if (transA)
        {
            node.Attribute.Add(IntAttribute("transA", 1));
        }

        if (transB)
        {
            node.Attribute.Add(IntAttribute("transB", 1));
        }

        return node.Output[0];
    }

    /// <summary><c>MatMul</c>: numpy-style matrix product.</summary>
    public string MatMul(string a, string b, string? output = null) => Node("MatMul", output, [a, b]).Output[0];

    /// <summary><c>Add</c>: element-wise sum with numpy broadcasting.</summary>
    public string Add(string a, string b, string? output = null) => Node("Add", output, [a, b]).Output[0];

    /// <summary><c>Mul</c>: element-wise product with numpy broadcasting.</summary>
    public string Mul(string a, string b, string? output = null) => Node("Mul", output, [a, b]).Output[0];

    /// <summary><c>Relu</c>: max(x, 0).</summary>
    public string Relu(string x, string? output = null) => Node("Relu", output, [x]).Output[0];

    /// <summary><c>Sigmoid</c>: 1 / (1 + e^-x).</summary>
    public string Sigmoid(string x, string? output = null) => Node("Sigmoid", output, [x]).Output[0];

    /// <summary><c>Identity</c>: renames a value (a graph output under its contract name).</summary>
    public string Identity(string x, string? output = null) => Node("Identity", output, [x]).Output[0];

    /// <summary><c>Concat</c> of <paramref name="inputs"/> along <paramref name="axis"/>.</summary>
    public string Concat(IReadOnlyList<string> inputs, long axis, string? output = null)
    {
        var node = Node("Concat", output, inputs);
        node.Attribute.Add(IntAttribute("axis", axis));
        return node.Output[0];
    }

    /// <summary><c>Flatten</c>: to 2-D [d0·…·d(axis-1), d(axis)·…].</summary>
    public string Flatten(string x, long axis = 1, string? output = null)
    {
        var node = Node("Flatten", output, [x]);
        node.Attribute.Add(IntAttribute("axis", axis));
        return node.Output[0];
    }

    /// <summary><c>Reshape</c> to <paramref name="shape"/> (0 keeps a dimension, -1 infers one).</summary>
    public string Reshape(string x, ReadOnlySpan<long> shape, string? output = null)
    {
        var shapeName = AddInitializer(FreshName("shape"), shape, [shape.Length]);
        return Node("Reshape", output, [x, shapeName]).Output[0];
    }

    /// <summary><c>Slice</c> along <paramref name="axes"/> from <paramref name="starts"/> to <paramref name="ends"/> (exclusive).</summary>
    public string Slice(string x, ReadOnlySpan<long> starts, ReadOnlySpan<long> ends, ReadOnlySpan<long> axes, string? output = null)
    {
        if (starts.Length != ends.Length || starts.Length != axes.Length)
        {
            throw new ArgumentException("starts, ends and axes must have the same length.");
        }

        var s = AddInitializer(FreshName("starts"), starts, [starts.Length]);
        var e = AddInitializer(FreshName("ends"), ends, [ends.Length]);
        var a = AddInitializer(FreshName("axes"), axes, [axes.Length]);
        return Node("Slice", output, [x, s, e, a]).Output[0];
    }

    /// <summary><c>Sub</c>: element-wise a − b with numpy broadcasting.</summary>
    public string Sub(string a, string b, string? output = null) => Node("Sub", output, [a, b]).Output[0];

    /// <summary><c>Div</c>: element-wise a / b with numpy broadcasting.</summary>
    public string Div(string a, string b, string? output = null) => Node("Div", output, [a, b]).Output[0];

    /// <summary><c>Neg</c>: −x.</summary>
    public string Neg(string x, string? output = null) => Node("Neg", output, [x]).Output[0];

    /// <summary><c>Tanh</c>: hyperbolic tangent.</summary>
    public string Tanh(string x, string? output = null) => Node("Tanh", output, [x]).Output[0];

    /// <summary><c>Exp</c>: e^x.</summary>
    public string Exp(string x, string? output = null) => Node("Exp", output, [x]).Output[0];

    /// <summary><c>Sqrt</c>: √x.</summary>
    public string Sqrt(string x, string? output = null) => Node("Sqrt", output, [x]).Output[0];

    /// <summary><c>Softmax</c> along <paramref name="axis"/>.</summary>
    public string Softmax(string x, long axis = -1, string? output = null)
    {
        var node = Node("Softmax", output, [x]);
        node.Attribute.Add(IntAttribute("axis", axis));
        return node.Output[0];
    }

    /// <summary><c>ReduceSum</c> over <paramref name="axes"/> (opset 13+: axes are an input).</summary>
    public string ReduceSum(string x, ReadOnlySpan<long> axes, bool keepDims, string? output = null)
    {
        var a = AddInitializer(FreshName("axes"), axes, [axes.Length]);
        var node = Node("ReduceSum", output, [x, a]);
        node.Attribute.Add(IntAttribute("keepdims", keepDims ? 1 : 0));
        return node.Output[0];
    }

    /// <summary><c>ReduceMean</c> over <paramref name="axes"/> (opset 17: axes are an attribute).</summary>
    public string ReduceMean(string x, ReadOnlySpan<long> axes, bool keepDims, string? output = null) =>
        ReduceWithAxesAttribute("ReduceMean", x, axes, keepDims, output);

    /// <summary><c>ReduceMax</c> over <paramref name="axes"/> (opset 17: axes are an attribute).</summary>
    public string ReduceMax(string x, ReadOnlySpan<long> axes, bool keepDims, string? output = null) =>
        ReduceWithAxesAttribute("ReduceMax", x, axes, keepDims, output);

    /// <summary><c>Transpose</c> with the permutation <paramref name="perm"/>.</summary>
    public string Transpose(string x, ReadOnlySpan<long> perm, string? output = null)
    {
        var node = Node("Transpose", output, [x]);
        node.Attribute.Add(IntsAttribute("perm", perm));
        return node.Output[0];
    }

    /// <summary><c>Unsqueeze</c>: inserts size-1 dimensions at <paramref name="axes"/>.</summary>
    public string Unsqueeze(string x, ReadOnlySpan<long> axes, string? output = null)
    {
        var a = AddInitializer(FreshName("axes"), axes, [axes.Length]);
        return Node("Unsqueeze", output, [x, a]).Output[0];
    }

    /// <summary><c>Squeeze</c>: removes the size-1 dimensions at <paramref name="axes"/>.</summary>
    public string Squeeze(string x, ReadOnlySpan<long> axes, string? output = null)
    {
        var a = AddInitializer(FreshName("axes"), axes, [axes.Length]);
        return Node("Squeeze", output, [x, a]).Output[0];
    }

    /// <summary>
    /// A 1-D convolution in PyTorch's <c>nn.Conv1d</c> layout: x [N, C_in, L], <paramref name="weights"/>
    /// [C_out, C_in, kernel] row-major, <paramref name="bias"/> [C_out], padded by
    /// <paramref name="padLeft"/> and <paramref name="padRight"/> zeros (left only: a causal convolution).
    /// </summary>
    public string Conv1d(string x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int inputs, int outputs, int kernel, int padLeft, int padRight, string? output = null)
    {
        var w = AddInitializer(FreshName("convW"), weights, [outputs, inputs, kernel]);
        var b = AddInitializer(FreshName("convB"), bias, [outputs]);
        var node = Node("Conv", output, [x, w, b]);
        node.Attribute.Add(IntsAttribute("kernel_shape", [kernel]));
        node.Attribute.Add(IntsAttribute("pads", [padLeft, padRight]));
        return node.Output[0];
    }

    /// <summary>
    /// <c>LayerNormalization</c> (opset 17) over the last dimension, as PyTorch's <c>nn.LayerNorm</c>
    /// with <paramref name="scale"/> and <paramref name="bias"/> of that dimension's size.
    /// </summary>
    public string LayerNorm(string x, ReadOnlySpan<float> scale, ReadOnlySpan<float> bias, float epsilon = 1e-5f, string? output = null)
    {
        var g = AddInitializer(FreshName("lnScale"), scale, [scale.Length]);
        var b = AddInitializer(FreshName("lnBias"), bias, [bias.Length]);
        var node = Node("LayerNormalization", output, [x, g, b]);
        node.Attribute.Add(IntAttribute("axis", -1));
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = epsilon });
        return node.Output[0];
    }

    /// <summary>Adds a float32 constant of <paramref name="dims"/> under a fresh name (biases, scalars, masks).</summary>
    public string Constant(ReadOnlySpan<float> values, ReadOnlySpan<long> dims) => AddInitializer(FreshName("const"), values, dims);

    /// <summary>
    /// A fully connected layer in PyTorch's <c>nn.Linear</c> layout: y = x·Wᵀ + b with
    /// <paramref name="weights"/> [outputs, inputs] row-major and <paramref name="bias"/> [outputs].
    /// Written as one <c>Gemm</c> with <c>transB</c>.
    /// </summary>
    public string Dense(string x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int inputs, int outputs, string? output = null)
    {
        var w = AddInitializer(FreshName("W"), weights, [outputs, inputs]);
        var b = AddInitializer(FreshName("b"), bias, [outputs]);
        return Gemm(x, w, b, transB: true, output: output);
    }

    /// <summary>The model: the graph with IR version, opset and producer set.</summary>
    internal ModelProto ToModel(string producerVersion = "1")
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Streaming.Inference",
            ProducerVersion = producerVersion,
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }

    /// <summary>The serialised model, ready for ONNX Runtime or a <c>model.onnx</c> file.</summary>
    public byte[] ToBytes(string producerVersion = "1") => ToModel(producerVersion).ToByteArray();

    private NodeProto Node(string opType, string? output, IReadOnlyList<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (!_names.Contains(input))
            {
                throw new ArgumentException($"{opType}: no value named '{input}' exists in the graph.");
            }
        }

        var name = output ?? FreshName(opType.ToLowerInvariant());
        Claim(name);
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_nextId++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        _graph.Node.Add(node);
        return node;
    }

    private string FreshName(string prefix)
    {
        string name;
        do
        {
            name = $"{prefix}_{_nextId++}";
        }
        while (_names.Contains(name));

        return name;
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
        }
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto IntsAttribute(string name, ReadOnlySpan<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values.ToArray());
        return attribute;
    }

    private string ReduceWithAxesAttribute(string opType, string x, ReadOnlySpan<long> axes, bool keepDims, string? output)
    {
        var node = Node(opType, output, [x]);
        node.Attribute.Add(IntsAttribute("axes", axes));
        node.Attribute.Add(IntAttribute("keepdims", keepDims ? 1 : 0));
        return node.Output[0];
    }

    private static ValueInfoProto ValueInfo(string name, ReadOnlySpan<OnnxDim> shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim.Symbol is null
                ? new TensorShapeProto.Types.Dimension { DimValue = dim.Size }
                : new TensorShapeProto.Types.Dimension { DimParam = dim.Symbol });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = tensorShape,
                },
            },
        };
    }

    private static void CheckCount(int count, ReadOnlySpan<long> dims)
    {
        var expected = 1L;
        foreach (var d in dims)
        {
            expected *= d;
        }

        if (expected != count)
        {
            throw new ArgumentException($"{count} values do not fill a tensor of {expected} elements.");
        }
    }

    // raw_data is little-endian by the ONNX spec; every platform .NET runs this project on is too.
    private static ByteString LittleEndianBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The ONNX writer assumes a little-endian machine.");
        }

        return ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
    }
}
