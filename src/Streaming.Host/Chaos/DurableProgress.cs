using Streaming.Pipeline.Health;

namespace Streaming.Host.Chaos;

/// <summary>
/// How many input records are durable, summed over partitions, as the successive pipeline
/// processes reported it through their health endpoints: per partition the highest of the stored
/// offset and the durable mark ever reported (the store is read when the report is made, the mark
/// a moment earlier, so either may be ahead; both only grow).
/// </summary>
internal sealed class DurableProgress
{
    private readonly object _gate = new();
    private readonly Dictionary<int, long> _durable = [];
    private long _total;

    public long Total => Volatile.Read(ref _total);

    public void Update(PipelineHealth health)
    {
        lock (_gate)
        {
            foreach (var partition in health.Partitions)
            {
                var durable = Math.Max(partition.DurableNextOffset ?? 0, partition.StoredNextOffset ?? 0);
                if (durable > _durable.GetValueOrDefault(partition.Partition))
                {
                    _durable[partition.Partition] = durable;
                }
            }
            Volatile.Write(ref _total, _durable.Values.Sum());
        }
    }
}
