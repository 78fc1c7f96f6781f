namespace Streaming.Core.Features.Fatigue;

/// <summary>Running repetition counts over day-window events; a mutable struct kept on the stack while counting.</summary>
internal struct RepetitionSums
{
    public int SameItem;
    public int SameCategory;
    public int Similar;

    /// <summary>Adds a contiguous run of events with their cosines to the candidate.</summary>
    public void Add(ReadOnlySpan<DayEvent> events, ReadOnlySpan<float> cosines, long itemId, int category, double similarThreshold)
    {
        int sameItem = 0, sameCategory = 0, similar = 0;
        cosines = cosines[..events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            sameItem += events[i].ItemId == itemId ? 1 : 0;
            sameCategory += events[i].Category == category ? 1 : 0;
            similar += cosines[i] >= similarThreshold ? 1 : 0;
        }
        SameItem += sameItem;
        SameCategory += sameCategory;
        Similar += similar;
    }
}
