namespace Streaming.Pipeline.Training;

/// <summary>Builds the sample log a configuration asks for.</summary>
public static class SampleLogs
{
    /// <summary>The folder of a node's file log under its data folder.</summary>
    public static string Folder(string dataRoot) => Path.Combine(dataRoot, "samples");

    /// <summary>The log of <paramref name="options"/>: under <see cref="Folder"/> of <paramref name="dataRoot"/>, on <paramref name="bootstrapServers"/>, or null when off.</summary>
    public static ISampleLog? Create(TrainingOptions options, string dataRoot, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.SampleLog switch
        {
            SampleLogMode.File => new FileSampleLog(Folder(dataRoot), options),
            SampleLogMode.Kafka => new KafkaSampleLog(bootstrapServers, options),
            _ => null,
        };
    }
}
