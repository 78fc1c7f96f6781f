namespace Streaming.Host.Commands;

/// <summary>One verb of the command line.</summary>
public interface ICommand
{
    /// <summary>Runs the command; returns the exit code. Throws <see cref="UsageException"/> for a bad command line.</summary>
    Task<int> RunAsync(CommandLineArgs args, TextWriter output);
}
