namespace Streaming.Inference.Onnx;

/// <summary>
/// One dimension of a graph input or output: a fixed size or a symbolic name (the batch
/// dimension <c>N</c>). Converts implicitly from <see cref="long"/> and <see cref="string"/>, so a
/// shape reads <c>["N", 32]</c>.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or -1 for a symbolic dimension.</summary>
    public long Size { get; }

    /// <summary>The symbolic name, or null for a fixed dimension.</summary>
    public string? Symbol { get; }

    /// <summary>A fixed dimension of <paramref name="size"/> (positive).</summary>
    public static OnnxDim Fixed(long size) =>
        size > 0 ? new(size, null) : throw new ArgumentOutOfRangeException(nameof(size), size, "A fixed dimension must be positive.");

    /// <summary>A symbolic dimension named <paramref name="symbol"/>.</summary>
    public static OnnxDim Symbolic(string symbol) =>
        string.IsNullOrEmpty(symbol) ? throw new ArgumentException("A symbolic dimension needs a name.", nameof(symbol)) : new(-1, symbol);

    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDim(long size) => Fixed(size);

    /// <summary>A symbolic dimension.</summary>
    public static implicit operator OnnxDim(string symbol) => Symbolic(symbol);
}
