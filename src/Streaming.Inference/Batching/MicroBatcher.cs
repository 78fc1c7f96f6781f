using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Serving;

namespace Streaming.Inference.Batching;

/// <summary>
/// Merges requests (from any number of producers, e.g. partitions) into batches for one
/// <see cref="ModelStage"/>. A batch is released when <see cref="InferenceOptions.MaxBatch"/> rows
/// are queued, or <see cref="InferenceOptions.MaxDelayMs"/> after the oldest queued request was
/// submitted. Requests are never split: a batch takes whole requests in submission order, so each
/// request's rows are scored by one model version. One dedicated thread copies the rows into
/// pre-allocated pinned buffers, runs, copies results back and completes the requests (their
/// continuations run on the thread pool). The queue is bounded by
/// <see cref="InferenceOptions.QueuePauseRows"/> / <see cref="InferenceOptions.QueueResumeRows"/>.
/// </summary>
public sealed class MicroBatcher : IDisposable
{
    private const int MaxPooledRequests = 1024;

    private readonly ModelStage _stage;
    private readonly InferenceOptions _options;
    private readonly ILogger _logger;
    // An object, not a System.Threading.Lock: the batching thread waits on it with Monitor.Wait.
    private readonly object _lock = new();
    private readonly Queue<InferenceRequest> _queue = new();
    private readonly InferenceRequest[] _batch;
    private readonly BatchBuffers _buffers;
    private readonly RunOptions _runOptions = new();
    private readonly Stack<InferenceRequest> _pool = new();
    private readonly long _maxDelayTicks;
    private Thread? _thread;
    private int _queuedRows;
    private bool _paused;
    private bool _stopping;
    private bool _waiting;

    /// <summary>A stopped batcher; <see cref="Start"/> starts its thread.</summary>
    public MicroBatcher(ModelStage stage, InferenceOptions options, ILogger? logger = null)
    {
        _stage = stage ?? throw new ArgumentNullException(nameof(stage));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _logger = logger ?? NullLogger.Instance;
        _batch = new InferenceRequest[_options.MaxBatch];
        _buffers = new BatchBuffers(stage.Contract, _options.MaxBatch);
        _maxDelayTicks = _options.MaxDelayMs * Stopwatch.Frequency / 1000;
    }

    /// <summary>
    /// Raised when <see cref="IsPaused"/> changes, on the thread that changed it, outside the
    /// batcher's lock. Handlers must be quick and must not block (signal the producer, e.g. an
    /// Akka async callback, and read <see cref="IsPaused"/> where the producer acts).
    /// </summary>
    public event Action? BackpressureChanged;

    /// <summary>True while the queue is paused: submissions are refused until it drains to the resume threshold.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    /// <summary>Rows queued and not yet taken into a batch.</summary>
    public int QueuedRows
    {
        get
        {
            lock (_lock)
            {
                return _queuedRows;
            }
        }
    }

    /// <summary>The stage this batcher runs.</summary>
    public ModelStage Stage => _stage;

    /// <summary>Starts the batching thread (once).</summary>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_thread is not null)
            {
                return;
            }

            _thread = new Thread(Loop) { IsBackground = true, Name = $"inference-{_stage.Name}" };
            _thread.Start();
        }
    }

    /// <summary>
    /// A pooled request of <paramref name="rows"/> rows (1 to <see cref="InferenceOptions.MaxBatch"/>;
    /// chunk larger requests) with uninitialised inputs.
    /// </summary>
    public InferenceRequest Rent(int rows)
    {
        if (rows < 1 || rows > _options.MaxBatch)
        {
            ThrowRowsOutOfRange(rows);
        }

        InferenceRequest? request;
        lock (_pool)
        {
            _pool.TryPop(out request);
        }

        request ??= new InferenceRequest(this, _stage.Contract);
        request.Rent(rows);
        return request;
    }

    /// <summary>Queues <paramref name="request"/> (rented from this batcher, inputs written); see <see cref="SubmitStatus"/>.</summary>
    public SubmitStatus Submit(InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Owner != this || !request.TryMarkSubmitted(Stopwatch.GetTimestamp()))
        {
            ThrowNotSubmittable();
        }

        SubmitStatus status;
        lock (_lock)
        {
            if (_stopping || _paused)
            {
                status = _stopping ? SubmitStatus.RefusedStopped : SubmitStatus.RefusedPaused;
            }
            else
            {
                _queue.Enqueue(request);
                _queuedRows += request.Rows;
                status = SubmitStatus.Queued;
                if (_queuedRows >= _options.QueuePauseRows)
                {
                    _paused = true;
                    status = SubmitStatus.QueuedThenPaused;
                }

                if (_waiting)
                {
                    Monitor.Pulse(_lock);
                }
            }

            AssertInvariants();
        }

        if (status is SubmitStatus.RefusedPaused or SubmitStatus.RefusedStopped)
        {
            request.Unsubmit();
            _stage.Counters.SubmissionRefused();
        }
        else if (status == SubmitStatus.QueuedThenPaused)
        {
            OnBackpressureChanged("paused", request.Rows);
        }

        return status;
    }

    /// <summary>
    /// Stops the thread after the batch in flight; requests still queued complete with
    /// <see cref="ScoreStatus.Stopped"/>.
    /// </summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            thread = _thread;
            Monitor.PulseAll(_lock);
        }

        thread?.Join();
        InferenceRequest[] left;
        lock (_lock)
        {
            left = [.. _queue];
            _queue.Clear();
            _queuedRows = 0;
        }

        foreach (var request in left)
        {
            request.Complete(ScoreStatus.Stopped, -1);
        }

        _buffers.Dispose();
        _runOptions.Dispose();
    }

    internal void Recycle(InferenceRequest request)
    {
        lock (_pool)
        {
            if (_pool.Count < MaxPooledRequests)
            {
                _pool.Push(request);
            }
        }
    }

    private void Loop()
    {
        while (TakeBatch(out var count, out var rows, out var resumed))
        {
            if (resumed)
            {
                OnBackpressureChanged("resumed", rows);
            }

            RunBatch(count, rows);
        }
    }

    /// <summary>Waits for a releasable batch and takes it off the queue (decides under the lock).</summary>
    private bool TakeBatch(out int count, out int rows, out bool resumed)
    {
        count = rows = 0;
        resumed = false;
        lock (_lock)
        {
            while (true)
            {
                if (_stopping)
                {
                    return false;
                }

                if (_queue.Count > 0)
                {
                    if (_queuedRows >= _options.MaxBatch)
                    {
                        break;
                    }

                    var wait = _queue.Peek().SubmittedAt + _maxDelayTicks - Stopwatch.GetTimestamp();
                    if (wait <= 0)
                    {
                        break;
                    }

                    _waiting = true;
                    Monitor.Wait(_lock, TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                }
                else
                {
                    _waiting = true;
                    Monitor.Wait(_lock);
                }

                _waiting = false;
            }

            while (_queue.TryPeek(out var next) && rows + next.Rows <= _options.MaxBatch)
            {
                _batch[count++] = _queue.Dequeue();
                rows += next.Rows;
            }

            _queuedRows -= rows;
            if (_paused && _queuedRows <= _options.QueueResumeRows)
            {
                _paused = false;
                resumed = true;
            }

            AssertInvariants();
            return true;
        }
    }

    private void RunBatch(int count, int rows)
    {
        var contract = _stage.Contract;
        var row = 0;
        for (var r = 0; r < count; r++)
        {
            var request = _batch[r];
            for (var i = 0; i < contract.Inputs.Count; i++)
            {
                request.Input(i).CopyTo(_buffers.InputRows(i, row, request.Rows));
            }

            row += request.Rows;
        }

        if (!_stage.TryAcquire(out var lease))
        {
            NoModel(count, rows);
            return;
        }

        long version;
        try
        {
            version = lease.Version;
            _buffers.Run(lease.Session, _runOptions, rows);
        }
        catch (Exception e)
        {
            // Any failure of a run (ONNX Runtime's own, or a bug) fails this batch's requests, logged
            // and counted; the batching thread lives on, so the stream never stalls silently.
            Failed(e, count, rows, lease.Version);
            return;
        }
        finally
        {
            lease.Dispose();
        }

        row = 0;
        for (var r = 0; r < count; r++)
        {
            var request = _batch[r];
            _batch[r] = null!;
            for (var o = 0; o < contract.Outputs.Count; o++)
            {
                _buffers.OutputRows(o, row, request.Rows).CopyTo(request.WritableOutput(o));
            }

            row += request.Rows;
            request.Complete(ScoreStatus.Scored, version);
        }

        _stage.Counters.BatchRun(rows);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NoModel(int count, int rows)
    {
        _stage.Counters.BatchFailed();
        InferenceLog.NoModelServing(_logger, _stage.Name, rows);
        CompleteBatch(count, ScoreStatus.NoModel);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Failed(Exception e, int count, int rows, long version)
    {
        _stage.Counters.BatchFailed();
        InferenceLog.BatchFailed(_logger, e, _stage.Name, rows, version);
        CompleteBatch(count, ScoreStatus.Failed);
    }

    private void CompleteBatch(int count, ScoreStatus status)
    {
        for (var r = 0; r < count; r++)
        {
            var request = _batch[r];
            _batch[r] = null!;
            request.Complete(status, -1);
        }
    }

    private void OnBackpressureChanged(string state, int rows)
    {
        InferenceLog.Backpressure(_logger, _stage.Name, state, rows);
        BackpressureChanged?.Invoke();
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_lock));
        Debug.Assert(_queuedRows >= 0);
        Debug.Assert(_queuedRows == _queue.Sum(r => r.Rows));
        Debug.Assert(!_paused || _queuedRows > _options.QueueResumeRows || _queue.Count == 0 || _stopping);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowRowsOutOfRange(int rows) =>
        throw new ArgumentOutOfRangeException(nameof(rows), rows, $"A request holds 1 to {_options.MaxBatch} rows (inference.max_batch); chunk larger ones.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotSubmittable() =>
        throw new InvalidOperationException("The request was not rented from this batcher, or is already submitted.");
}
