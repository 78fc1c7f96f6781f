using Streaming.Host.Commands;

namespace Streaming.Host;

/// <summary>The <c>streaming</c> command line: picks the command named by the first word and runs it.</summary>
public static class StreamingCli
{
    /// <summary>The usage text printed by <c>streaming help</c> and after a usage error.</summary>
    public const string Usage = """
        streaming <command> [options]

          demo      Start the embedded broker, produce a dataset, run the pipeline until it has
                    caught up, print a summary. [--interactions N] [--users N] [--partitions N]
                    [--seed S] [--dataset synthetic|<file> --format kuairand] [--data DIR]
                    [--sample-log off|file|kafka] [--sample-rate R]
          broker    Run the embedded Kafka broker until Ctrl-C, topics created, bootstrap address
                    printed and written to a file. [--partitions N] [--bootstrap-file PATH]
          produce   Produce a dataset to Kafka. --bootstrap HOST:PORT [--dataset synthetic|<file>
                    --format kuairand] [--interactions N] [--users N] [--seed S] [--topic T]
          run       Run the pipeline against a broker until Ctrl-C (draining shutdown).
                    --bootstrap HOST:PORT [--data DIR] [--group G] [--health-port PORT]
                    [--session-timeout-ms MS] [--max-payload-bytes N] [--no-sync]
                    [--sample-log off|file|kafka] [--sample-rate R]
          health    Ask a running node's health endpoint; exit 0 healthy, 1 unhealthy,
                    3 unreachable. [--url http://127.0.0.1:7070/health] [--timeout-ms MS]
          chaos     Kill -9 harness: N events + N/20 bad records, the pipeline as a child process
                    killed at K seeded points; checks nothing lost or applied twice (docs/chaos.md).
                    [--events N] [--kills K] [--seed S] [--quick] [--partitions N] [--bad N]
                    [--rate RECORDS_PER_S] [--stall-s S] [--data DIR]
          inspect   Print a user's stored state: inspect user <id> [--data DIR]
          features  Dump the features of every row of a dataset file (SPEC §8).
                    --input FILE --format kuairand|avro --out FILE.jsonl [--vectors FILE.csv]
          bench     Measure (bench/README.md): bench pipeline [--events N] [--partitions N] [--runs R]
                    [--scorer onnx|baseline] [--cuda] [--max-batch N] | bench scoring |
                    bench gpu [--batches 1,2,…] [--stages fatigue,uplift] [--memory managed,pinned,device]
                    [--duration-ms MS] [--repeats R] [--cpu-threads N] [--models DIR] [--tolerance T]
                    [--require-cuda] [--against cuda|cpu] [--out FILE.md] (CPU against CUDA,
                    ops/gpu/README.md)
          schemas   Check schema compatibility and golden payloads: schemas check [--schemas DIR]
          replay    Backtest a range: --namespace NS [--from P:O,…|time:ISO|start] [--to …|end]
                    [--models fatigue=N,uplift=N[;…]] [--compare …] [--report DIR]
                    [--bootstrap HOST:PORT | dataset options] (docs/replay.md)
          samples   Read a node's training sample log and join it to its outcomes; print rows,
                    labels and sizes. [--data DIR] [--kafka --bootstrap HOST:PORT [--topic T]]
                    (docs/training-samples.md)

          train     One retraining round over the sample log: fit, parity, gate, publish into the
                    registry running nodes follow (docs/training.md). [--data DIR] [--models DIR]
                    [--stage all|fatigue|uplift] [--epochs N] [--kafka --bootstrap HOST:PORT]
                    --check [--quick] [--kuairand FILE]: the learning check (last line JSON)

        Data folder default: .streaming/ under the current directory.
        """;

    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        CommandLineArgs parsed;
        try
        {
            parsed = CommandLineArgs.Parse(args);
            var verb = parsed.Positional.Count > 0 ? parsed.Positional[0] : "help";
            ICommand command = verb switch
            {
                "demo" => new DemoCommand(),
                "broker" => new BrokerCommand(),
                "produce" => new ProduceCommand(),
                "run" => new RunCommand(),
                "health" => new HealthCommand(),
                "chaos" => new ChaosCommand(),
                "inspect" => new InspectCommand(),
                "features" => new FeaturesCommand(),
                "bench" => new BenchCommand(),
                "schemas" => new SchemasCommand(),
                "replay" => new ReplayCommand(),
                "train" => new TrainCommand(),
                "samples" => new SamplesCommand(),
                "help" or "--help" or "-h" => new HelpCommand(),
                _ => throw new UsageException($"Unknown command '{verb}'."),
            };
            return await command.RunAsync(parsed, output).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
    }
}
