using System.Collections.Concurrent;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Hot_swap_under_load
{
    private const int Producers = 4;
    private const int Swaps = 20;

    [Fact]
    public async Task Twenty_swaps_under_load_lose_nothing_and_every_output_matches_its_tagged_version()
    {
        var contract = StageContracts.Fatigue;
        // Versions 1..21 alternate between two weight sets: odd versions are A, even versions B.
        var weightsA = StageWeights.Initialize(contract, 1001);
        var weightsB = StageWeights.Initialize(contract, 2002);
        var bytesA = StageModelBuilder.Build(contract, weightsA);
        var bytesB = StageModelBuilder.Build(contract, weightsB);
        StageWeights WeightsOf(long version) => version % 2 == 1 ? weightsA : weightsB;

        var options = new InferenceOptions { MaxBatch = 64, MaxDelayMs = 1, ProbeRows = 8 };
        var counters = new InferenceCounters();
        using var stage = new ModelStage(contract, options, counters: counters);
        Assert.Equal(SwapStatus.Swapped, stage.TrySwap(TestModels.Load("fatigue", bytesA, 1)));
        using var batcher = new MicroBatcher(stage, options);
        batcher.Start();

        var results = new ConcurrentBag<(int Producer, int Sequence, long Version, float[][][] Rows, float[][] Outputs)>();
        var completed = 0;
        var swapping = true;
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var lastVersion = 0L;
            for (var i = 0; Volatile.Read(ref swapping) || i < 5; i++)
            {
                var request = batcher.Rent(1 + ((i + p) % 7));
                var rows = BatchingFixture.Fill(contract, request, ((ulong)p << 32) | (uint)i);
                Assert.Equal(SubmitStatus.Queued, batcher.Submit(request));
                Assert.Equal(ScoreStatus.Scored, await request.Completion);
                Assert.True(request.Version >= lastVersion, $"producer {p} saw version {request.Version} after {lastVersion}");
                lastVersion = request.Version;
                var outputs = Enumerable.Range(0, contract.Outputs.Count).Select(o => request.Output(o).ToArray()).ToArray();
                results.Add((p, i, request.Version, rows, outputs));
                request.Return();
                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        for (var version = 2L; version <= Swaps + 1; version++)
        {
            // Let some requests complete on the current version before swapping again.
            var target = Volatile.Read(ref completed) + 10;
            while (Volatile.Read(ref completed) < target && !producers.Any(t => t.IsFaulted))
            {
                await Task.Delay(1);
            }

            var model = TestModels.Load("fatigue", version % 2 == 1 ? bytesA : bytesB, version);
            Assert.Equal(SwapStatus.Swapped, stage.TrySwap(model));
        }

        Volatile.Write(ref swapping, false);
        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Swaps + 1, stage.ServingVersion);
        Assert.Equal(Swaps + 1, counters.SwapsCompleted);
        Assert.Equal(0, counters.BatchFailures);
        // No lost or duplicated results: every (producer, sequence) exactly once, sequences dense.
        foreach (var group in results.GroupBy(r => r.Producer))
        {
            Assert.Equal(Enumerable.Range(0, group.Count()), group.Select(r => r.Sequence).Order());
        }

        Assert.Equal(results.Sum(r => (long)r.Rows.Length), counters.Rows);
        Assert.True(results.Select(r => r.Version).Distinct().Count() > 2, "the load did not span several versions");
        foreach (var r in results)
        {
            for (var row = 0; row < r.Rows.Length; row++)
            {
                var expected = ReferenceForward.Stage(contract, WeightsOf(r.Version), r.Rows[row]);
                for (var o = 0; o < contract.Outputs.Count; o++)
                {
                    Assert.Equal(expected[o][0], r.Outputs[o][row], 1e-5);
                }
            }
        }
    }
}
