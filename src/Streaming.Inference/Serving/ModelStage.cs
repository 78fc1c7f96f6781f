using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Serving;

/// <summary>
/// One model stage in service: the version serving now, swapped atomically for a newer one that
/// satisfies the contract and passes a warm-up batch. Runs in flight finish on the version they
/// started with; the old session is disposed after the last of them. A refused model never
/// disturbs the serving one.
/// </summary>
public sealed class ModelStage : IDisposable
{
    private readonly InferenceOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _swapLock = new();
    private ServingModel? _current;
    private bool _disposed;

    /// <summary>A stage with no model yet; runs fail with "no model" until the first swap.</summary>
    public ModelStage(StageContract contract, InferenceOptions options, ILogger? logger = null, InferenceCounters? counters = null)
    {
        Contract = contract ?? throw new ArgumentNullException(nameof(contract));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _logger = logger ?? NullLogger.Instance;
        Counters = counters ?? new InferenceCounters();
    }

    /// <summary>The stage's contract.</summary>
    public StageContract Contract { get; }

    /// <summary>The stage's name.</summary>
    public string Name => Contract.Stage;

    /// <summary>The counters swaps and runs of this stage add to.</summary>
    public InferenceCounters Counters { get; }

    /// <summary>The version serving now, or null before the first swap.</summary>
    public long? ServingVersion => Volatile.Read(ref _current)?.Version;

    /// <summary>
    /// Puts <paramref name="model"/> into service if it is for this stage, newer than the serving
    /// version, satisfies the contract and passes the warm-up batch; otherwise logs the refusal,
    /// counts it and keeps serving the old version. Takes ownership of the model either way.
    /// Swaps are serialised; runs are never blocked by one.
    /// </summary>
    public SwapStatus TrySwap(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_swapLock)
        {
            var (status, reason) = Vet(model);
            if (status != SwapStatus.Swapped)
            {
                model.Dispose();
                Counters.SwapRefused();
                InferenceLog.SwapRefused(_logger, Name, model.Version, status.ToString(), reason, _current?.Version ?? 0);
                return status;
            }

            var next = new ServingModel(Name, model.Version, model.TakeSession());
            var previous = Interlocked.Exchange(ref _current, next);
            previous?.Retire();
            Counters.SwapCompleted();
            InferenceLog.Swapped(_logger, Name, next.Version, previous?.Version ?? 0);
            return SwapStatus.Swapped;
        }
    }

    /// <summary>
    /// Leases the serving model for one run; false when none serves. The lease keeps its session
    /// alive across a concurrent swap; dispose it right after the run.
    /// </summary>
    public bool TryAcquire(out ModelLease lease)
    {
        while (true)
        {
            var model = Volatile.Read(ref _current);
            if (model is null)
            {
                lease = default;
                return false;
            }

            if (model.TryAcquire())
            {
                lease = new ModelLease(model);
                return true;
            }

            // Retired between the read and the acquire: a swap has already published its successor
            // (or the stage was disposed), so the next read sees that.
        }
    }

    /// <summary>Retires the serving model; its session is disposed after the runs in flight.</summary>
    public void Dispose()
    {
        lock (_swapLock)
        {
            _disposed = true;
            Interlocked.Exchange(ref _current, null)?.Retire();
        }
    }

    private (SwapStatus Status, string Reason) Vet(LoadedModel model)
    {
        if (_disposed)
        {
            return (SwapStatus.StageDisposed, "the stage is disposed");
        }

        if (model.Stage != Name)
        {
            return (SwapStatus.WrongStage, $"the model is for stage '{model.Stage}'");
        }

        var serving = _current?.Version;
        if (serving is { } s && model.Version <= s)
        {
            return (SwapStatus.NotNewer, $"version {model.Version} is not above the serving {s}");
        }

        var violations = ContractValidator.Violations(Contract, model.Session);
        if (violations.Count > 0)
        {
            return (SwapStatus.ContractMismatch, string.Join("; ", violations));
        }

        try
        {
            var problem = WarmUp.Problem(Contract, model.Session, _options.ProbeRows);
            return problem is null ? (SwapStatus.Swapped, "") : (SwapStatus.InvalidOutput, problem);
        }
        catch (OnnxRuntimeException e)
        {
            return (SwapStatus.WarmUpFailed, e.Message);
        }
    }
}
