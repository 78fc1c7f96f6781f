using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;
using Xunit;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>Runs an exported <c>fatigue</c> model in ONNX Runtime, feeding each contract input from flattened rows.</summary>
internal static class FatigueOnnx
{
    public static (float[] PEngage, float[] Fatigue) Run(InferenceSession session, float[] rows)
    {
        var layout = FatigueRows.Layout;
        var count = rows.Length / layout.RowLength;
        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            foreach (var input in StageContracts.Fatigue.Inputs)
            {
                var slice = layout[input.Name];
                var data = new float[count * slice.Length];
                for (var r = 0; r < count; r++)
                {
                    Array.Copy(rows, (r * layout.RowLength) + slice.Offset, data, r * slice.Length, slice.Length);
                }

                names.Add(input.Name);
                values.Add(OrtValue.CreateTensorValueFromMemory(data, [count, .. slice.RowShape]));
            }

            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, names, values, ["p_engage", "fatigue"]);
            Assert.Equal([count, 1], results[0].GetTensorTypeAndShape().Shape);
            Assert.Equal([count, 1], results[1].GetTensorTypeAndShape().Shape);
            return (results[0].GetTensorDataAsSpan<float>().ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    public static (float[] PEngage, float[] Fatigue) Run(byte[] model, float[] rows)
    {
        using var session = new InferenceSession(model);
        return Run(session, rows);
    }
}
