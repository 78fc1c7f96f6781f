namespace Streaming.Core.Schemas.Compatibility;

/// <summary>Confluent names of <see cref="CompatibilityMode"/> and what each mode checks.</summary>
public static class CompatibilityModes
{
    private static readonly (CompatibilityMode Mode, string Name)[] s_names =
    [
        (CompatibilityMode.None, "NONE"),
        (CompatibilityMode.Backward, "BACKWARD"),
        (CompatibilityMode.BackwardTransitive, "BACKWARD_TRANSITIVE"),
        (CompatibilityMode.Forward, "FORWARD"),
        (CompatibilityMode.ForwardTransitive, "FORWARD_TRANSITIVE"),
        (CompatibilityMode.Full, "FULL"),
        (CompatibilityMode.FullTransitive, "FULL_TRANSITIVE"),
    ];

    /// <summary>Every Confluent name, for messages ("NONE, BACKWARD, ...").</summary>
    public static string KnownNames => string.Join(", ", s_names.Select(n => n.Name));

    /// <summary>Parses a Confluent name (<c>FULL_TRANSITIVE</c>); exact, upper case.</summary>
    public static bool TryParse(string name, out CompatibilityMode mode)
    {
        foreach (var (m, n) in s_names)
        {
            if (n == name)
            {
                mode = m;
                return true;
            }
        }
        mode = default;
        return false;
    }

    /// <summary>The Confluent name of <paramref name="mode"/>.</summary>
    public static string ConfluentName(this CompatibilityMode mode) =>
        s_names.FirstOrDefault(n => n.Mode == mode).Name ?? throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode.");

    /// <summary>True when the new version must read (as reader) what earlier versions wrote.</summary>
    public static bool NewReadsOld(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;

    /// <summary>True when earlier versions must read (as readers) what the new version writes.</summary>
    public static bool OldReadsNew(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;

    /// <summary>True when a new version is checked against every earlier version, not only the previous one.</summary>
    public static bool IsTransitive(this CompatibilityMode mode) =>
        mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;

    /// <summary>
    /// The (reader, writer) version pairs the mode requires to resolve in a history of versions
    /// <paramref name="versions"/> (ascending), each version checked against its predecessors as
    /// it would have been when it was registered.
    /// </summary>
    public static IEnumerable<(int Version, int Against, int Reader, int Writer)> RequiredPairs(this CompatibilityMode mode, IReadOnlyList<int> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        for (var i = 1; i < versions.Count; i++)
        {
            var first = mode.IsTransitive() ? 0 : i - 1;
            for (var j = first; j < i; j++)
            {
                if (mode.NewReadsOld())
                {
                    yield return (versions[i], versions[j], versions[i], versions[j]);
                }
                if (mode.OldReadsNew())
                {
                    yield return (versions[i], versions[j], versions[j], versions[i]);
                }
            }
        }
    }
}
