namespace Streaming.Host.Chaos;

/// <summary>Where each planned record landed on the input topic, from the producer's delivery reports.</summary>
internal sealed class RecordPositions
{
    private readonly int[] _partitions;
    private readonly long[] _offsets;

    public RecordPositions(int count)
    {
        _partitions = new int[count];
        _offsets = new long[count];
        _offsets.AsSpan().Fill(-1);
    }

    public int Count => _offsets.Length;

    public int Partition(int index) => _partitions[index];

    public long Offset(int index) => _offsets[index];

    public bool IsDelivered(int index) => Volatile.Read(ref _offsets[index]) >= 0;

    public void Delivered(int index, int partition, long offset)
    {
        _partitions[index] = partition;
        Volatile.Write(ref _offsets[index], offset);
    }

    /// <summary>Planned record index by (partition, offset).</summary>
    public Dictionary<(int Partition, long Offset), int> ByPosition()
    {
        var map = new Dictionary<(int, long), int>(Count);
        for (var i = 0; i < Count; i++)
        {
            map[(_partitions[i], _offsets[i])] = i;
        }
        return map;
    }
}
