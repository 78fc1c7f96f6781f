using Microsoft.Extensions.Logging;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Micro_batching : IDisposable
{
    private static readonly StageContract s_contract = StageContracts.Uplift;
    private static readonly StageWeights s_weights = StageWeights.Initialize(s_contract, 5);
    private readonly ListLogger _log = new();
    private readonly InferenceCounters _counters = new();
    private ModelStage? _stage;
    private MicroBatcher? _batcher;

    public void Dispose()
    {
        _batcher?.Dispose();
        _stage?.Dispose();
    }

    private MicroBatcher Batcher(InferenceOptions options, bool withModel = true, bool start = true)
    {
        _stage = new ModelStage(s_contract, options, _log, _counters);
        if (withModel)
        {
            Assert.Equal(SwapStatus.Swapped, _stage.TrySwap(TestModels.Load(s_contract, s_weights, 1)));
        }

        _batcher = new MicroBatcher(_stage, options, _log);
        if (start)
        {
            _batcher.Start();
        }

        return _batcher;
    }

    [Fact]
    public async Task Every_request_of_1_to_max_batch_rows_gets_its_own_rows_back_in_order()
    {
        const int maxBatch = 32;
        var batcher = Batcher(new InferenceOptions { MaxBatch = maxBatch, MaxDelayMs = 1, QueuePauseRows = 4096, QueueResumeRows = 2048 });
        var requests = new List<(InferenceRequest Request, float[][][] Rows)>();
        for (var size = 1; size <= maxBatch; size++)
        {
            var request = batcher.Rent(size);
            var rows = BatchingFixture.Fill(s_contract, request, (ulong)size);
            Assert.Equal(SubmitStatus.Queued, batcher.Submit(request));
            requests.Add((request, rows));
        }

        foreach (var (request, rows) in requests)
        {
            Assert.Equal(ScoreStatus.Scored, await request.Completion);
            Assert.Equal(1, request.Version);
            Assert.Equal(rows.Length, request.Rows);
            BatchingFixture.AssertOutputs(s_contract, s_weights, request, rows);
            request.Return();
        }

        Assert.Equal(maxBatch * (maxBatch + 1) / 2, _counters.Rows);
        // Whole requests only: at least total / max batches, each holding at most max rows.
        Assert.InRange(_counters.Batches, (maxBatch * (maxBatch + 1) / 2) / maxBatch, maxBatch);
    }

    [Fact]
    public async Task A_partial_batch_is_released_by_the_delay()
    {
        var batcher = Batcher(new InferenceOptions { MaxBatch = 256, MaxDelayMs = 1 });
        var request = batcher.Rent(3);
        var rows = BatchingFixture.Fill(s_contract, request, 77);
        batcher.Submit(request);

        Assert.Equal(ScoreStatus.Scored, await request.Completion.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        BatchingFixture.AssertOutputs(s_contract, s_weights, request, rows);
        Assert.Equal((1L, 3L), (_counters.Batches, _counters.Rows));
    }

    [Fact]
    public async Task Requests_from_several_producers_merge_into_one_batch()
    {
        // The delay is far longer than the test, so only the size (8 producers x 4 rows = 32) releases.
        var batcher = Batcher(new InferenceOptions { MaxBatch = 32, MaxDelayMs = 600_000 });
        var producers = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
        {
            var request = batcher.Rent(4);
            var rows = BatchingFixture.Fill(s_contract, request, 500 + (ulong)p);
            Assert.Equal(SubmitStatus.Queued, batcher.Submit(request));
            Assert.Equal(ScoreStatus.Scored, await request.Completion);
            BatchingFixture.AssertOutputs(s_contract, s_weights, request, rows);
            request.Return();
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((1L, 32L), (_counters.Batches, _counters.Rows));
    }

    [Fact]
    public async Task The_queue_pauses_at_its_threshold_and_resumes_below_the_resume_threshold()
    {
        var batcher = Batcher(new InferenceOptions { MaxBatch = 4, MaxDelayMs = 1, QueuePauseRows = 8, QueueResumeRows = 4 }, start: false);
        var changes = 0;
        using var resumed = new ManualResetEventSlim();
        batcher.BackpressureChanged += () =>
        {
            Interlocked.Increment(ref changes);
            if (!batcher.IsPaused)
            {
                resumed.Set();
            }
        };

        var requests = Enumerable.Range(0, 5).Select(_ => batcher.Rent(2)).ToList();
        requests.ForEach(r => BatchingFixture.Fill(s_contract, r, 1));
        Assert.Equal(
            [SubmitStatus.Queued, SubmitStatus.Queued, SubmitStatus.Queued, SubmitStatus.QueuedThenPaused, SubmitStatus.RefusedPaused],
            requests.Select(batcher.Submit));
        Assert.True(batcher.IsPaused);
        Assert.Equal((8, 1, 1L), (batcher.QueuedRows, changes, _counters.SubmissionsRefused));

        batcher.Start();
        Assert.True(resumed.Wait(TimeSpan.FromSeconds(30)));
        Assert.False(batcher.IsPaused);
        Assert.Equal(2, Volatile.Read(ref changes));
        Assert.Equal(SubmitStatus.Queued, batcher.Submit(requests[4]));
        foreach (var request in requests)
        {
            Assert.Equal(ScoreStatus.Scored, await request.Completion.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task Without_a_serving_model_requests_complete_as_NoModel_and_are_counted()
    {
        var batcher = Batcher(new InferenceOptions { MaxBatch = 8, MaxDelayMs = 0 }, withModel: false);
        var request = batcher.Rent(2);
        batcher.Submit(request);
        Assert.Equal(ScoreStatus.NoModel, await request.Completion);
        Assert.Equal(-1, request.Version);
        Assert.Equal(1, _counters.BatchFailures);
        Assert.Equal(1, _log.Count(LogLevel.Warning, "found no model serving"));
    }

    [Fact]
    public async Task Disposing_completes_queued_requests_as_stopped_and_refuses_new_ones()
    {
        var batcher = Batcher(new InferenceOptions { MaxBatch = 8 }, start: false);
        var queued = batcher.Rent(1);
        var late = batcher.Rent(1);
        batcher.Submit(queued);
        batcher.Dispose();
        Assert.Equal(ScoreStatus.Stopped, await queued.Completion);
        Assert.Equal(SubmitStatus.RefusedStopped, batcher.Submit(late));
    }

    [Fact]
    public void Requests_are_bounded_by_the_max_batch_and_cannot_be_submitted_twice()
    {
        var batcher = Batcher(new InferenceOptions { MaxBatch = 8 }, start: false);
        Assert.Throws<ArgumentOutOfRangeException>(() => batcher.Rent(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => batcher.Rent(0));
        var request = batcher.Rent(8);
        batcher.Submit(request);
        Assert.Throws<InvalidOperationException>(() => batcher.Submit(request));
        Assert.Throws<InvalidOperationException>(request.Return);
    }
}
