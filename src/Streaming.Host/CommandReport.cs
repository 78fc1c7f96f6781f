using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streaming.Host;

/// <summary>
/// What a measuring command prints: readable lines for a person, then, as the very last line,
/// one JSON object with the figures, so scripts can read it with <c>tail -n 1</c>.
/// </summary>
public sealed class CommandReport(TextWriter output)
{
    // Relaxed escaping: the line is read by people as well as by scripts, and "can't" reads better
    // than "can\u0027t"; it is never embedded in HTML.
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject _figures = [];
    private readonly StringBuilder _transcript = new();

    /// <summary>Everything printed so far, one line per line (a results file's body).</summary>
    public string Transcript => _transcript.ToString();

    /// <summary>Prints a readable line (never the last line of the command).</summary>
    public void Line(string text)
    {
        output.WriteLine(text);
        _transcript.Append(text).Append('\n');
    }

    /// <summary>Records a figure for the closing JSON line.</summary>
    public void Figure(string name, JsonNode? value) => _figures[name] = value;

    /// <summary>Prints the closing JSON line. Call once, last.</summary>
    public void Finish()
    {
        var json = _figures.ToJsonString(s_json);
        output.WriteLine(json);
        _transcript.Append(json).Append('\n');
        output.Flush();
    }

    /// <summary>Rounds for display and for the JSON line: figures are measurements, not exact values.</summary>
    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
