using Streaming.Host;

return await StreamingCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
