using System.Globalization;

namespace Streaming.Host;

/// <summary>
/// The parsed command line: positional words and <c>--name value</c> options (a flag given
/// without a value reads as <c>true</c>). Small on purpose: every command documents its own options
/// in <see cref="StreamingCli.Usage"/>, and an unknown option is an error rather than silently ignored.
/// </summary>
public sealed class CommandLineArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CommandLineArgs(IReadOnlyList<string> positional) => Positional = positional;

    /// <summary>Words that are not options, in order (the verb first).</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static CommandLineArgs Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var options = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                options.Add(new(name[..eq], name[(eq + 1)..]));
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options.Add(new(name, args[++i]));
            }
            else
            {
                options.Add(new(name, "true"));
            }
        }
        var parsed = new CommandLineArgs(positional);
        foreach (var (name, value) in options)
        {
            parsed._options[name] = value;
        }
        return parsed;
    }

    /// <summary>The option's value, or <paramref name="fallback"/> when absent.</summary>
    public string String(string name, string fallback) => Get(name) ?? fallback;

    /// <summary>The option's value, or null when absent.</summary>
    public string? Get(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>The option as an integer, or <paramref name="fallback"/> when absent.</summary>
    public long Long(string name, long fallback)
    {
        var value = Get(name);
        if (value is null)
        {
            return fallback;
        }
        return long.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new UsageException($"--{name} expects an integer, got '{value}'.");
    }

    /// <summary>The option as an int, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback) => checked((int)Long(name, fallback));

    /// <summary>True when the flag is present (and not <c>false</c>).</summary>
    public bool Flag(string name) => Get(name) is { } value && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws a <see cref="UsageException"/> naming any option no command asked for.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException("Unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)) + ".");
        }
    }
}
