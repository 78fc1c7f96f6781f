namespace Streaming.Core.Features.Vectors;

/// <summary>An item vector table file is malformed; <see cref="LineNumber"/> says where.</summary>
public sealed class ItemVectorTableFormatException : FormatException
{
    /// <summary>Creates the exception for a problem on line <paramref name="lineNumber"/>.</summary>
    /// <param name="lineNumber">1-based line of the file (the header is line 1).</param>
    /// <param name="problem">What is wrong with the line.</param>
    public ItemVectorTableFormatException(int lineNumber, string problem)
        : base($"Item vector table, line {lineNumber}: {problem}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>1-based line of the file that is malformed (the header is line 1).</summary>
    public int LineNumber { get; }
}
