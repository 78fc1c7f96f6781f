using Microsoft.Extensions.Logging;

namespace Streaming.Host;

/// <summary>The console logging every command uses: one line per entry, on standard error, so standard output stays the command's report.</summary>
public static class HostLogging
{
    /// <summary>A logger factory writing entries at <paramref name="minimum"/> and above to standard error.</summary>
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Warning) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
