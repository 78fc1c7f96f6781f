using Streaming.Host;
using Streaming.Host.Commands;

return await StreamingCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
