using Microsoft.ML.OnnxRuntime;

namespace Streaming.Training.Evaluation;

/// <summary>
/// Runs a stage's ONNX model over logged rows offline, with ONNX Runtime on the CPU: the serving
/// version in the gate's comparison, and the exported candidate in the parity check. Values per
/// row follow <see cref="Models.ITrainableStage.Predict"/> (the stage's first output).
/// </summary>
public sealed class OnnxStagePredictor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly FeatureLayout _layout;
    private readonly string _output;

    /// <summary>Loads <paramref name="onnx"/> for rows of <paramref name="layout"/>.</summary>
    public OnnxStagePredictor(byte[] onnx, FeatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(layout);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        _session = new InferenceSession(onnx, options);
        _layout = layout;
        _output = layout.Contract.Outputs[0].Name;
    }

    /// <summary>The first output for every row of <paramref name="examples"/>, row-major.</summary>
    public float[] Predict(StageExamples examples, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.RowLength != _layout.RowLength)
        {
            throw new ArgumentException($"Rows of {examples.RowLength} values do not follow the {_layout.Contract.Stage} layout of {_layout.RowLength}.", nameof(examples));
        }

        var width = _layout.Contract.Outputs[0].RowSize;
        var result = new float[examples.Count * width];
        for (var start = 0; start < examples.Count; start += batchSize)
        {
            var rows = Math.Min(batchSize, examples.Count - start);
            Run(examples.Features.AsSpan(start * _layout.RowLength, rows * _layout.RowLength), rows)
                .CopyTo(result.AsSpan(start * width));
        }

        return result;
    }

    /// <summary>The first output for <paramref name="rows"/> flattened rows.</summary>
    public float[] Run(ReadOnlySpan<float> features, int rows)
    {
        var names = new string[_layout.Slices.Count];
        var values = new OrtValue[_layout.Slices.Count];
        try
        {
            for (var i = 0; i < names.Length; i++)
            {
                var slice = _layout.Slices[i];
                var input = new float[rows * slice.Length];
                for (var r = 0; r < rows; r++)
                {
                    features.Slice((r * _layout.RowLength) + slice.Offset, slice.Length).CopyTo(input.AsSpan(r * slice.Length));
                }

                names[i] = slice.Name;
                values[i] = OrtValue.CreateTensorValueFromMemory(input, [rows, .. slice.RowShape]);
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, [_output]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
