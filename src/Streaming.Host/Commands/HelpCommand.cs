namespace Streaming.Host.Commands;

/// <summary><c>streaming help</c>: prints the usage text.</summary>
public sealed class HelpCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        await output.WriteLineAsync(StreamingCli.Usage).ConfigureAwait(false);
        return 0;
    }
}
