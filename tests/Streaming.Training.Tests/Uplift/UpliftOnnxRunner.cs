using Microsoft.ML.OnnxRuntime;

namespace Streaming.Training.Tests.Uplift;

/// <summary>Runs an exported uplift model with ONNX Runtime on flattened rows, split into the contract's inputs.</summary>
internal static class UpliftOnnxRunner
{
    public static float[] Run(byte[] model, float[] rows, int count)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        return Run(session, rows, count);
    }

    public static float[] Run(InferenceSession session, float[] rows, int count)
    {
        var context = new float[count * UpliftRows.Context];
        var mask = new float[count * UpliftRows.Context];
        var shares = new float[count * 7];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * UpliftRows.RowLength, UpliftRows.RowLength);
            row[..UpliftRows.Context].CopyTo(context.AsSpan(r * UpliftRows.Context));
            row.Slice(UpliftRows.Context, UpliftRows.Context).CopyTo(mask.AsSpan(r * UpliftRows.Context));
            row.Slice(2 * UpliftRows.Context, 7).CopyTo(shares.AsSpan(r * 7));
        }

        using var contextValue = OrtValue.CreateTensorValueFromMemory(context, [count, UpliftRows.Context]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [count, UpliftRows.Context]);
        using var sharesValue = OrtValue.CreateTensorValueFromMemory(shares, [count, 7]);
        using var runOptions = new RunOptions();
        using var results = session.Run(
            runOptions,
            ["context", "context_mask", "request_shares"],
            [contextValue, maskValue, sharesValue],
            ["long_play_ratio"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
