using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Xunit;

namespace Streaming.Inference.Tests;

/// <summary>Fills requests with unique rows and checks their outputs against the reference forward pass.</summary>
internal static class BatchingFixture
{
    /// <summary>Writes rows derived from <paramref name="seed"/> into every input of <paramref name="request"/>.</summary>
    public static float[][][] Fill(StageContract contract, InferenceRequest request, ulong seed)
    {
        var rows = new float[request.Rows][][];
        for (var r = 0; r < request.Rows; r++)
        {
            rows[r] = TestData.Row(contract, (seed * 1000) + (ulong)r);
            for (var i = 0; i < contract.Inputs.Count; i++)
            {
                rows[r][i].CopyTo(request.InputRow(i, r));
            }
        }

        return rows;
    }

    /// <summary>Asserts each output row of <paramref name="request"/> equals the reference for its input row.</summary>
    public static void AssertOutputs(StageContract contract, StageWeights weights, InferenceRequest request, float[][][] rows)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            var expected = ReferenceForward.Stage(contract, weights, rows[r]);
            for (var o = 0; o < contract.Outputs.Count; o++)
            {
                var actual = request.OutputRow(o, r);
                for (var k = 0; k < actual.Length; k++)
                {
                    Assert.Equal(expected[o][k], actual[k], 1e-5);
                }
            }
        }
    }
}
