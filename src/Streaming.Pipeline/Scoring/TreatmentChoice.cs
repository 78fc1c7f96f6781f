namespace Streaming.Pipeline.Scoring;

/// <summary>The treatment decision of SPEC §6, shared by every scorer.</summary>
public static class TreatmentChoice
{
    /// <summary>The argmax of <paramref name="uplift"/> when it exceeds <paramref name="minUplift"/>, else control (0).</summary>
    public static int Choose(IReadOnlyList<float> uplift, double minUplift)
    {
        var chosen = 0;
        var best = minUplift;
        for (var t = 1; t < uplift.Count; t++)
        {
            if (uplift[t] > best)
            {
                best = uplift[t];
                chosen = t;
            }
        }
        return chosen;
    }
}
