using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Streaming.Host;

/// <summary>
/// A measuring command's report kept as a markdown file (<c>bench/results/</c>): when and where it
/// ran, the exact command line, the report as printed, and its closing JSON line as a code block.
/// </summary>
public static class ResultsFile
{
    /// <summary>Writes <paramref name="report"/>'s transcript, under <paramref name="title"/>, to <paramref name="path"/> (folders created).</summary>
    public static void Write(string path, string title, CommandReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = report.Transcript.TrimEnd('\n').Split('\n');
        var text = new StringBuilder();
        text.Append("# ").Append(title).Append(", ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC\n\n");
        text.Append("Command: `").Append(CommandLine()).Append("`\n\n");
        text.Append("Machine: ").Append(Environment.ProcessorCount).Append(" logical CPUs, ").Append(RuntimeInformation.OSDescription)
            .Append(", ").Append(RuntimeInformation.FrameworkDescription).Append("\n\n");
        foreach (var line in lines[..^1])
        {
            text.Append(line).Append('\n');
        }

        text.Append("\n```json\n").Append(lines[^1]).Append("\n```\n");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text.ToString());
    }

    // The command as typed: the executable's name and the arguments, quoted where they need it.
    private static string CommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        var words = args.Skip(1).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a);
        return string.Join(' ', words.Prepend("streaming"));
    }
}
