using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streaming.Host;

/// <summary>
/// What a measuring command prints: readable lines for a person, then, as the very last line,
/// one JSON object with the figures, so scripts can read it with <c>tail -n 1</c>.
/// </summary>
public sealed class CommandReport(TextWriter output)
{
    private readonly JsonObject _figures = [];

    /// <summary>Prints a readable line (never the last line of the command).</summary>
    public void Line(string text) => output.WriteLine(text);

    /// <summary>Records a figure for the closing JSON line.</summary>
    public void Figure(string name, JsonNode? value) => _figures[name] = value;

    /// <summary>Prints the closing JSON line. Call once, last.</summary>
    public void Finish()
    {
        output.WriteLine(_figures.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        output.Flush();
    }

    /// <summary>Rounds for display and for the JSON line: figures are measurements, not exact values.</summary>
    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
