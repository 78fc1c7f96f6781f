using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference;
using Streaming.Inference.Benchmarking;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;
using Streaming.Pipeline.Scoring;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming bench gpu</c>: the stage models on the CPU provider (every core) against CUDA, in
/// one invocation (ops/gpu/README.md runs it on a lent GPU machine):
/// <list type="number">
/// <item>correctness: each stage's models (the seeded initial models a fresh node serves, and the
/// newest versions in <c>--models DIR</c>) on the same random, never-zero inputs on both providers at
/// batches 1, 3, 256 and 4096; any relative error above <c>--tolerance</c> (1e-4) fails the command
/// (exit 1);</item>
/// <item>per stage in <c>--stages</c> (fatigue): candidates/s and p50/p99 batch latency per batch
/// size on the CPU and on CUDA with each <c>--memory</c> kind (<see cref="BatchMemory"/>), medians of
/// <c>--repeats</c> runs of <c>--duration-ms</c> after a warm-up;</item>
/// <item>the markdown table, the crossover batch size, CUDA's multiple of the CPU at batch 4096 and
/// CUDA's best rate.</item>
/// </list>
/// Without CUDA (the CPU build, or no usable device) it measures the CPU alone, reports CUDA
/// unavailable with the reason, and exits 0 unless <c>--require-cuda</c> (then 3). <c>--out FILE</c>
/// also writes the report as a results file. <c>--against cpu</c> measures the CPU against its own
/// serving settings (one thread) instead of CUDA, so every part of the report runs where no GPU is.
/// The last line is JSON.
/// </summary>
public sealed class BenchGpuCommand : ICommand
{
    private const int AtBatch = 4096;
    private const double GoalRatio = 10;
    private static readonly int[] s_checkRows = [1, 3, 256, 4096];

    /// <inheritdoc />
    public Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var batches = BatchSizes(args.String("batches", string.Join(',', Enumerable.Range(0, 15).Select(i => 1 << i))));
        var duration = TimeSpan.FromMilliseconds(args.Int("duration-ms", 500));
        var repeats = args.Int("repeats", 3);
        var stages = args.String("stages", "fatigue").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => StageContracts.Find(s) ?? throw new UsageException($"--stages: no stage is called '{s}' (fatigue, uplift).")).ToList();
        var memories = args.String("memory", "managed,pinned,device").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Memory).ToList();
        var cpuThreads = args.Int("cpu-threads", Environment.ProcessorCount);
        var device = args.Int("device", 0);
        var tolerance = Tolerance(args.String("tolerance", "1e-4"));
        var registryRoot = args.Get("models");
        var requireCuda = args.Flag("require-cuda");
        var outPath = args.Get("out");
        var against = args.String("against", "cuda");
        args.EnsureAllUsed();
        if (against is not ("cuda" or "cpu"))
        {
            throw new UsageException($"--against {against}: cuda, or cpu to check the harness itself without a GPU.");
        }

        if (repeats < 1 || duration <= TimeSpan.Zero || cpuThreads < 1 || stages.Count == 0)
        {
            throw new UsageException("--repeats, --duration-ms and --cpu-threads must be positive, and --stages must name a stage.");
        }

        using var loggers = HostLogging.Create();
        var logger = loggers.CreateLogger<BenchGpuCommand>();
        var report = new CommandReport(output);
        var cpu = new OnnxSessionFactory(InferenceOptions.Default with { IntraOpThreads = cpuThreads, IntraOpSpinning = true }, logger);
        // --against cpu puts the serving CPU settings (one thread) where CUDA would be: every line of
        // the report runs, so the harness can be checked where no GPU is.
        var cuda = against == "cuda"
            ? new Candidate("CUDA", new OnnxSessionFactory(InferenceOptions.Default with { Provider = ExecutionProvider.Cuda, CudaDeviceId = device }, logger), ExecutionProvider.Cuda)
            : new Candidate("CPU-1", new OnnxSessionFactory(InferenceOptions.Default, logger), ExecutionProvider.Cpu);
        var models = Models(registryRoot, cpu, logger);

        report.Line($"bench gpu: the CPU provider ({cpuThreads} intra-op threads, spinning) against {(against == "cuda" ? $"CUDA device {device}" : "the CPU provider with 1 thread (a check of the harness)")}; " +
            $"batch sizes {string.Join(", ", batches)}; medians of {repeats} runs of {duration.TotalMilliseconds:F0} ms after a warm-up");
        report.Line($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, providers in this build: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}");
        var cudaOk = Starts(cuda, models[0].Onnx);
        report.Line(cudaOk ? $"{cuda.Name}: available" : $"CUDA: unavailable ({cuda.Sessions.FallbackReason}); measuring the CPU only");

        // 1. Correctness.
        OutputAgreement? worst = null;
        if (cudaOk)
        {
            report.Line("");
            report.Line($"correctness: {cuda.Name} against the CPU on the same random inputs in (0, 1], batches {string.Join(", ", s_checkRows)}; tolerance {tolerance:G3} relative");
            report.Line("| model | values | ‖cuda − cpu‖ / ‖cpu‖ | max relative | max absolute | verdict |");
            report.Line("|---|---:|---:|---:|---:|---|");
            foreach (var model in models)
            {
                var agreement = Agreement(model, cpu, cuda);
                worst = worst is null ? agreement : worst.Worst(agreement);
                report.Line($"| {model.Label} | {agreement.Values:N0} | {agreement.RelativeNormError:0.00E+00} | {agreement.MaxRelativeError:0.00E+00} | {agreement.MaxAbsoluteError:0.00E+00} | {(agreement.Within(tolerance) ? "ok" : "FAILED")} |");
            }
        }

        var correct = worst?.Within(tolerance);
        report.Figure("cuda_available", against == "cuda" && cudaOk);
        report.Figure("cuda_fallback_reason", cuda.Sessions.FallbackReason);
        report.Figure("against", against);
        report.Figure("cpu_threads", cpuThreads);
        report.Figure("correctness_ok", correct);
        report.Figure("max_rel_error", worst is null ? null : worst.RelativeNormError);
        report.Figure("max_elementwise_rel_error", worst is null ? null : worst.MaxRelativeError);
        report.Figure("tolerance", tolerance);

        // 2 and 3. The sweeps, one stage at a time; the first stage's figures are the headline.
        var stageFigures = new JsonObject();
        foreach (var contract in stages)
        {
            // The registry's model when there is one (it comes after the initial model), else the initial one.
            var model = models.Last(m => m.Contract == contract);
            var figures = Sweep(report, model, cpu, cudaOk ? cuda : null, memories, batches, duration, repeats, device);
            stageFigures[contract.Stage] = figures;
            if (contract == stages[0])
            {
                foreach (var name in (string[])["cpu_candidates_per_s", "cuda_candidates_per_s", "cuda_to_cpu", "crossover_batch", "best_cuda_candidates_per_s", "best_cuda_batch"])
                {
                    report.Figure(name, figures[name]?.DeepClone());
                }
            }
        }

        report.Figure("at_batch", batches.Contains(AtBatch) ? AtBatch : batches.Max());
        report.Figure("stages", stageFigures);
        report.Finish();
        if (outPath is not null)
        {
            ResultsFile.Write(outPath, "streaming bench gpu", report);
        }

        return Task.FromResult(correct == false ? 1 : !cudaOk && requireCuda ? 3 : 0);
    }

    private static JsonObject Sweep(
        CommandReport report, StageModel model, OnnxSessionFactory cpu, Candidate? cuda, IReadOnlyList<BatchMemory> memories,
        IReadOnlyList<int> batches, TimeSpan duration, int repeats, int device)
    {
        var contract = model.Contract;
        var rowFloats = contract.Inputs.Sum(t => t.RowSize);
        report.Line("");
        report.Line($"{model.Label}: {rowFloats} input floats ({rowFloats * sizeof(float):N0} bytes) per row");
        var sweeps = new List<ProviderSweep>();
        using (var session = cpu.Create(model.Onnx))
        {
            sweeps.Add(new ProviderSweep("CPU", StageThroughputBenchmark.Run(contract, session, BatchMemory.Managed, batches, duration, repeats)));
        }

        if (cuda is not null)
        {
            using var session = Create(cuda, model.Onnx);
            foreach (var memory in memories)
            {
                var name = memory switch
                {
                    BatchMemory.Managed => cuda.Name,
                    BatchMemory.CudaPinned => cuda.Name + " pinned",
                    _ => cuda.Name + " device",
                };
                try
                {
                    sweeps.Add(new ProviderSweep(name, StageThroughputBenchmark.Run(contract, session, memory, batches, duration, repeats, device)));
                }
                catch (Exception e) when (e is OnnxRuntimeException || memory != BatchMemory.Managed)
                {
                    // The IoBinding kinds are measured only where a GPU is lent; one that cannot start
                    // there must not cost the rest of the run. Reported, never silent.
                    report.Line($"{name}: not measured ({e.GetType().Name}: {e.Message.Trim()})");
                }
            }
        }

        foreach (var line in SweepTable.Markdown(sweeps))
        {
            report.Line(line);
        }

        var at = batches.Contains(AtBatch) ? AtBatch : batches.Max();
        var cpuAt = sweeps[0].At(at)!.CandidatesPerSecond;
        var figures = new JsonObject
        {
            ["input_bytes_per_row"] = rowFloats * sizeof(float),
            ["cpu_candidates_per_s"] = CommandReport.Round(cpuAt),
            ["best_cpu_candidates_per_s"] = CommandReport.Round(sweeps[0].Best!.CandidatesPerSecond),
        };
        foreach (var sweep in sweeps)
        {
            figures[Key(sweep.Name)] = new JsonArray(sweep.Measurements.Select(m => (JsonNode)new JsonObject
            {
                ["batch"] = m.BatchSize,
                ["candidates_per_s"] = CommandReport.Round(m.CandidatesPerSecond),
                ["p50_ms"] = CommandReport.Round(m.P50Ms, 4),
                ["p99_ms"] = CommandReport.Round(m.P99Ms, 4),
            }).ToArray());
        }

        var cudaSweep = sweeps.Skip(1).FirstOrDefault(s => s.Name == cuda?.Name);
        if (cudaSweep is null)
        {
            report.Line($"at batch {at}: CPU {cpuAt:N0} candidates/s; CUDA not measured");
            return figures;
        }

        report.Line("CUDA = the serving path (managed buffers, copied by ONNX Runtime each run); pinned = page-locked host buffers bound with IoBinding; device = tensors left on the GPU (no copies: the compute ceiling).");
        var cudaAt = cudaSweep.At(at)!.CandidatesPerSecond;
        var crossover = Crossover.Find(sweeps[0].Measurements, cudaSweep.Measurements);
        var best = sweeps.Skip(1).Where(s => !s.Name.EndsWith(" device", StringComparison.Ordinal)).Select(s => (s.Name, Best: s.Best!)).MaxBy(s => s.Best.CandidatesPerSecond);
        var crossovers = sweeps.Skip(1).Select(s => (s.Name, Batch: Crossover.Find(sweeps[0].Measurements, s.Measurements))).ToList();
        report.Line("crossover (the smallest batch from which it beats the CPU at every larger batch): " +
            string.Join(", ", crossovers.Select(x => $"{x.Name} {(x.Batch is { } b ? b.ToString(CultureInfo.InvariantCulture) : "none")}")));
        report.Line($"at batch {at}: CPU {cpuAt:N0}, {cudaSweep.Name} {cudaAt:N0} candidates/s = {cudaAt / cpuAt:F2}x the CPU (goal ≥ {GoalRatio:F0}x); {cudaSweep.Name} takes in {cudaAt * rowFloats * sizeof(float) / 1e9:F1} GB/s of inputs");
        report.Line($"best {cudaSweep.Name} with host inputs: {best.Best.CandidatesPerSecond:N0} candidates/s ({best.Name}, batch {best.Best.BatchSize}) = {best.Best.CandidatesPerSecond / sweeps[0].Best!.CandidatesPerSecond:F2}x the best CPU");
        figures["cuda_candidates_per_s"] = CommandReport.Round(cudaAt);
        figures["cuda_to_cpu"] = CommandReport.Round(cudaAt / cpuAt, 2);
        figures["crossover_batch"] = crossover;
        foreach (var (name, batch) in crossovers)
        {
            figures["crossover_batch_" + Key(name)] = batch;
        }

        figures["best_cuda_candidates_per_s"] = CommandReport.Round(best.Best.CandidatesPerSecond);
        figures["best_cuda_batch"] = best.Best.BatchSize;
        figures["best_cuda_memory"] = best.Name;
        return figures;
    }

    // "CUDA pinned" => "cuda_pinned".
    private static string Key(string sweepName) => sweepName.ToLowerInvariant().Replace(' ', '_');

    private static OutputAgreement Agreement(StageModel model, OnnxSessionFactory cpu, Candidate cuda)
    {
        using var reference = cpu.Create(model.Onnx);
        using var candidate = Create(cuda, model.Onnx);
        var agreement = OutputAgreement.None;
        foreach (var rows in s_checkRows)
        {
            agreement = agreement.Worst(ProviderAgreement.Measure(model.Contract, reference, candidate, rows, seed: 0xC0FFEEUL + (ulong)rows));
        }

        return agreement;
    }

    // The provider can be present yet a session fail to start on it (no device, a missing library
    // that only session creation loads): the factory then falls back to the CPU for good.
    private static bool Starts(Candidate candidate, byte[] onnx)
    {
        if (candidate.Sessions.Provider != candidate.Provider)
        {
            return false;
        }

        using var probe = candidate.Sessions.Create(onnx);
        return candidate.Sessions.Provider == candidate.Provider;
    }

    // A session that really runs on the candidate's provider; a comparison or sweep of a session
    // that fell back would silently measure the CPU against itself.
    private static InferenceSession Create(Candidate candidate, byte[] onnx)
    {
        var session = candidate.Sessions.Create(onnx);
        if (candidate.Sessions.Provider != candidate.Provider)
        {
            session.Dispose();
            throw new InvalidOperationException($"A {candidate.Name} session could not start: {candidate.Sessions.FallbackReason}");
        }

        return session;
    }

    // The seeded initial model of each stage, then the newest version of each in the registry, if one is named.
    private static List<StageModel> Models(string? registryRoot, OnnxSessionFactory sessions, ILogger logger)
    {
        var models = StageContracts.All
            .Select(c => new StageModel($"{c.Stage} v1 (initial)", c, StageModelBuilder.Build(c, StageWeights.Initialize(c, ModelScoring.InitialModelSeed))))
            .ToList();
        if (registryRoot is null)
        {
            return models;
        }

        if (!Directory.Exists(registryRoot))
        {
            throw new UsageException($"--models {registryRoot} does not exist.");
        }

        var registry = new ModelRegistry(registryRoot, sessions, logger);
        foreach (var contract in StageContracts.All)
        {
            if (registry.LatestVersion(contract.Stage) is not { } version)
            {
                continue;
            }

            var load = registry.Load(contract.Stage, version);
            if (load.Model is null)
            {
                throw new UsageException($"--models: {contract.Stage} version {version} cannot be loaded: {load.Status}: {load.Detail}");
            }

            load.Model.Dispose();
            var onnx = File.ReadAllBytes(Path.Combine(registry.VersionDirectory(contract.Stage, version), ModelRegistry.ModelFileName));
            models.Add(new StageModel($"{contract.Stage} v{version} ({registryRoot})", contract, onnx));
        }

        return models;
    }

    private static List<int> BatchSizes(string text)
    {
        var sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new UsageException($"--batches expects positive integers separated by commas, got '{s}'."))
            .Distinct().Order().ToList();
        return sizes.Count > 0 ? sizes : throw new UsageException("--batches names no batch size.");
    }

    private static BatchMemory Memory(string name) => name switch
    {
        "managed" => BatchMemory.Managed,
        "pinned" => BatchMemory.CudaPinned,
        "device" => BatchMemory.CudaDevice,
        _ => throw new UsageException($"--memory: '{name}' is not known (managed, pinned, device)."),
    };

    private static double Tolerance(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0
            ? t
            : throw new UsageException($"--tolerance expects a positive number, got '{text}'.");

    private sealed record StageModel(string Label, StageContract Contract, byte[] Onnx);

    // What the CPU is measured against: its column name, its sessions, the provider they must run on.
    private sealed record Candidate(string Name, OnnxSessionFactory Sessions, ExecutionProvider Provider);
}
