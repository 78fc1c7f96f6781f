using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Benchmarking;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Bound_batch_runner
{
    [Fact]
    public void A_bound_batch_computes_what_a_plain_run_of_its_inputs_computes_at_every_prepared_size()
    {
        var contract = StageContracts.Fatigue;
        using var session = new OnnxSessionFactory(InferenceOptions.Default).Create(StageModelBuilder.Build(contract, StageWeights.Initialize(contract, 7)));
        using var runner = BoundBatchRunner.Cpu(contract, session);

        foreach (var rows in (int[])[5, 2, 64])
        {
            runner.Prepare(rows);
            runner.Run();

            var inputs = contract.Inputs.Select((t, i) => OrtValue.CreateTensorValueFromMemory(runner.Input(i).ToArray(), t.ShapeFor(rows))).ToList();
            using var runOptions = new RunOptions();
            using var expected = session.Run(runOptions, contract.Inputs.Select(t => t.Name).ToArray(), inputs, contract.Outputs.Select(t => t.Name).ToArray());
            for (var o = 0; o < contract.Outputs.Count; o++)
            {
                Assert.Equal(rows * contract.Outputs[o].RowSize, runner.Output(o).Length);
                Assert.Equal(expected[o].GetTensorDataAsSpan<float>().ToArray(), runner.Output(o).ToArray());
            }

            Assert.DoesNotContain(0f, runner.Input(0).ToArray());
            inputs.ForEach(v => v.Dispose());
        }
    }

    [Theory]
    [InlineData(BatchMemory.CudaPinned)]
    [InlineData(BatchMemory.CudaDevice)]
    public void Cuda_memory_on_a_cpu_session_is_refused_with_the_runtime_s_error(BatchMemory memory)
    {
        // bench gpu catches exactly this and reports the kind as not measured.
        var contract = StageContracts.Uplift;
        using var session = new OnnxSessionFactory(InferenceOptions.Default).Create(StageModelBuilder.Build(contract, StageWeights.Initialize(contract, 7)));

        Assert.Throws<OnnxRuntimeException>(() => StageThroughputBenchmark.Run(contract, session, memory, [1], TimeSpan.FromMilliseconds(1), 1));
    }

    [Fact]
    public void A_sweep_measures_every_batch_size_in_order()
    {
        var contract = StageContracts.Uplift;
        using var session = new OnnxSessionFactory(InferenceOptions.Default).Create(StageModelBuilder.Build(contract, StageWeights.Initialize(contract, 7)));

        var sweep = StageThroughputBenchmark.Run(contract, session, BatchMemory.Managed, [1, 8, 3], TimeSpan.FromMilliseconds(5), 2);

        Assert.Equal([1, 8, 3], sweep.Select(m => m.BatchSize));
        Assert.All(sweep, m => Assert.True(m.CandidatesPerSecond > 0 && m.Batches >= 2 && m.P50Ms <= m.P99Ms, m.ToString()));
    }
}
