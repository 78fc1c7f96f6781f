using Microsoft.Extensions.Logging;

namespace Streaming.Inference.Tests;

/// <summary>Collects formatted log lines (thread-safe) so tests can assert a refusal was logged.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, formatter(state, exception)));
        }
    }

    public int Count(LogLevel level, string fragment) =>
        Lines.Count(l => l.Level == level && l.Message.Contains(fragment, StringComparison.Ordinal));
}
