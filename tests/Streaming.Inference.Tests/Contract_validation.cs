using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Onnx;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Contract_validation
{
    [Fact]
    public void A_narrower_input_is_reported_by_name_and_dimension()
    {
        var narrowed = TestModels.Narrowed(StageContracts.Uplift);
        using var session = TestModels.Sessions.Create(StageModelBuilder.Build(narrowed, StageWeights.Initialize(narrowed, 1)));
        var violation = Assert.Single(ContractValidator.Violations(StageContracts.Uplift, session));
        Assert.Equal("input 'context' dimension 1 is 104, expected 105", violation);
    }

    [Fact]
    public void Missing_and_unexpected_tensors_fixed_batch_and_wrong_rank_are_reported()
    {
        var graph = new OnnxGraphBuilder("bad");
        var context = graph.AddInput("context", [4, 105]);         // fixed batch
        graph.AddInput("context_mask", ["N", 105, 1]);              // wrong rank
        graph.AddInput("extra", ["N", 1]);                          // not in the contract
        graph.Identity(context, output: "something_else");          // request_shares missing, output renamed
        graph.AddOutput("something_else", [4, 105]);
        using var session = TestModels.Sessions.Create(graph.ToBytes());

        var violations = ContractValidator.Violations(StageContracts.Uplift, session);
        Assert.Contains("input 'context' has a fixed batch dimension 4, expected symbolic 'N'", violations);
        Assert.Contains("input 'context_mask' has rank 3, expected 2", violations);
        Assert.Contains("input 'request_shares' is missing", violations);
        Assert.Contains("unexpected input 'extra'", violations);
        Assert.Contains("output 'long_play_ratio' is missing", violations);
        Assert.Contains("unexpected output 'something_else'", violations);
        Assert.Equal(6, violations.Count);
    }
}
