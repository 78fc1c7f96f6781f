using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Serving;

/// <summary>
/// The probe batch a new model must pass before it serves: deterministic rows (values in [0, 1],
/// like masks, shares and log-scaled features), every output finite and inside the contract's
/// range. Also warms ONNX Runtime's allocations up before the first real batch. Cold path.
/// </summary>
internal static class WarmUp
{
    public static string? Problem(StageContract contract, InferenceSession session, int rows)
    {
        var inputs = new List<OrtValue>();
        try
        {
            var state = 0x5EED5EEDUL;
            foreach (var input in contract.Inputs)
            {
                var data = new float[rows * input.RowSize];
                for (var i = 0; i < data.Length; i++)
                {
                    state = (state * 6364136223846793005UL) + 1442695040888963407UL;
                    data[i] = (state >> 40) / (float)(1 << 24);
                }

                inputs.Add(OrtValue.CreateTensorValueFromMemory(data, input.ShapeFor(rows)));
            }

            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, contract.Inputs.Select(t => t.Name).ToArray(), inputs, contract.Outputs.Select(t => t.Name).ToArray());
            for (var o = 0; o < contract.Outputs.Count; o++)
            {
                var tensor = contract.Outputs[o];
                var values = outputs[o].GetTensorDataAsSpan<float>();
                if (values.Length != rows * tensor.RowSize)
                {
                    return $"output '{tensor.Name}' has {values.Length} values for {rows} rows, expected {rows * tensor.RowSize}";
                }

                for (var i = 0; i < values.Length; i++)
                {
                    var v = values[i];
                    if (!float.IsFinite(v))
                    {
                        return $"output '{tensor.Name}' is {v} at element {i} of the warm-up batch";
                    }

                    if (v < tensor.RangeMin || v > tensor.RangeMax)
                    {
                        return $"output '{tensor.Name}' is {v} at element {i}, outside [{tensor.RangeMin}, {tensor.RangeMax}]";
                    }
                }
            }

            return null;
        }
        finally
        {
            foreach (var value in inputs)
            {
                value.Dispose();
            }
        }
    }
}
