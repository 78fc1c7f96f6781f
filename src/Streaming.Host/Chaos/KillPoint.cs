namespace Streaming.Host.Chaos;

/// <summary>
/// When one kill -9 happens. A processing kill comes <see cref="Delay"/> after the workload
/// producer has produced <see cref="AfterProducedRecords"/> records and the node has made at least
/// one checkpoint durable; a startup kill comes <see cref="Delay"/> after the node was started,
/// while it opens its store and joins the group.
/// </summary>
/// <remarks>
/// Points are expressed in produced records, not durable ones, because durable progress is only
/// seen through the node's health snapshot (about once a second) and a restarted node catches up
/// its backlog within that time: points in durable records would bunch up at the end of the
/// stream. Requiring a checkpoint of the node first makes the kill land while it processes
/// (catching up or live), not while a fresh node is still starting, except where intended.
/// </remarks>
/// <param name="AfterProducedRecords">Records produced before the kill (processing kills).</param>
/// <param name="Delay">The seeded delay after the trigger.</param>
/// <param name="DuringStartup">A startup kill.</param>
internal readonly record struct KillPoint(long AfterProducedRecords, TimeSpan Delay, bool DuringStartup)
{
    // About one kill in five hits a starting node.
    private const int StartupShare = 5;

    /// <summary>
    /// <paramref name="kills"/> seeded points, thresholds spread uniformly over the middle 94% of
    /// <paramref name="records"/>, ascending.
    /// </summary>
    public static List<KillPoint> Schedule(long seed, int kills, long records, TimeSpan maxDelay, TimeSpan maxStartupDelay)
    {
        var random = new Random(unchecked((int)(seed * 31 + 17)));
        var low = records * 3 / 100;
        var high = Math.Max(low + 1, records * 97 / 100);
        var thresholds = Enumerable.Range(0, kills).Select(_ => random.NextInt64(low, high)).Order().ToList();
        return thresholds.Select(t =>
        {
            var startup = random.Next(StartupShare) == 0;
            var delay = random.NextDouble() * (startup ? maxStartupDelay : maxDelay).TotalMilliseconds;
            return new KillPoint(t, TimeSpan.FromMilliseconds(delay), startup);
        }).ToList();
    }
}
