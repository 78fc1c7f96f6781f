namespace Streaming.Inference.Contracts;

/// <summary>
/// The stage contracts embedded in this assembly from <c>schemas/models/*.json</c>, so a deployed
/// node validates models without reading schema files.
/// </summary>
public static class StageContracts
{
    private static readonly Lazy<StageContract> s_fatigue = new(() => LoadEmbedded("fatigue"));
    private static readonly Lazy<StageContract> s_uplift = new(() => LoadEmbedded("uplift"));

    /// <summary>The <c>fatigue</c> stage contract (FRec-like, one row per candidate).</summary>
    public static StageContract Fatigue => s_fatigue.Value;

    /// <summary>The <c>uplift</c> stage contract (CDUM-like, one row per request).</summary>
    public static StageContract Uplift => s_uplift.Value;

    /// <summary>Every embedded contract.</summary>
    public static IReadOnlyList<StageContract> All => [Fatigue, Uplift];

    /// <summary>The contract of <paramref name="stage"/>, or null when no such stage exists.</summary>
    public static StageContract? Find(string stage) => stage switch
    {
        "fatigue" => Fatigue,
        "uplift" => Uplift,
        _ => null,
    };

    private static StageContract LoadEmbedded(string stage)
    {
        var name = $"schemas/models/{stage}.json";
        using var stream = typeof(StageContracts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the build.");
        return StageContract.Parse(stream);
    }
}
