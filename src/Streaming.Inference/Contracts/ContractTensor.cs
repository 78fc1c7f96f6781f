using Streaming.Inference.Onnx;

namespace Streaming.Inference.Contracts;

/// <summary>
/// One named input or output of a stage contract. Dimension 0 is always the symbolic batch
/// dimension (<see cref="BatchDimension"/>, stored as -1 in <see cref="Dimensions"/>); the other
/// dimensions are fixed, so one row of the tensor holds exactly <see cref="RowSize"/> elements.
/// </summary>
public sealed class ContractTensor
{
    internal ContractTensor(
        string name,
        ContractElementType elementType,
        string batchDimension,
        IReadOnlyList<long> dimensions,
        float? rangeMin,
        float? rangeMax)
    {
        Name = name;
        ElementType = elementType;
        BatchDimension = batchDimension;
        Dimensions = dimensions;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
        var rowSize = 1L;
        for (var i = 1; i < dimensions.Count; i++)
        {
            rowSize *= dimensions[i];
        }

        RowSize = checked((int)rowSize);
    }

    /// <summary>The tensor's name in the ONNX graph.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public ContractElementType ElementType { get; }

    /// <summary>The name of the symbolic batch dimension (<c>N</c>).</summary>
    public string BatchDimension { get; }

    /// <summary>The shape: -1 for the batch dimension at index 0, then the fixed dimensions.</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>The rank (number of dimensions, batch included).</summary>
    public int Rank => Dimensions.Count;

    /// <summary>Elements in one row: the product of the non-batch dimensions.</summary>
    public int RowSize { get; }

    /// <summary>The least value an output may take, when the contract bounds it.</summary>
    public float? RangeMin { get; }

    /// <summary>The greatest value an output may take, when the contract bounds it.</summary>
    public float? RangeMax { get; }

    /// <summary>The shape as an ONNX graph declares it: the symbolic batch dimension, then the fixed ones.</summary>
    public OnnxDim[] OnnxShape()
    {
        var shape = new OnnxDim[Rank];
        shape[0] = BatchDimension;
        for (var i = 1; i < shape.Length; i++)
        {
            shape[i] = Dimensions[i];
        }

        return shape;
    }

    /// <summary>The shape of a batch of <paramref name="rows"/> rows (a fresh array).</summary>
    public long[] ShapeFor(int rows)
    {
        var shape = new long[Dimensions.Count];
        shape[0] = rows;
        for (var i = 1; i < shape.Length; i++)
        {
            shape[i] = Dimensions[i];
        }

        return shape;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {ElementType}[{BatchDimension}{string.Concat(Dimensions.Skip(1).Select(d => $", {d}"))}]";
}
