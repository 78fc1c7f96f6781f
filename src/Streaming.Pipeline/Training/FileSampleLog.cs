using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Confluent.Kafka;
using Streaming.Kafka.Producer;

namespace Streaming.Pipeline.Training;

/// <summary>
/// The sample log as segment files under a folder (the embedded default: the embedded broker keeps
/// only about 5 MiB per partition, far less than the samples): one folder per source partition,
/// <c>&lt;topic&gt;-&lt;partition&gt;/</c>, holding numbered segments (<see cref="SampleSegment"/>).
/// Each checkpoint becomes one compressed block, written and fsynced before the checkpoint commits.
/// </summary>
public sealed class FileSampleLog : ISampleLog
{
    private readonly TrainingOptions _options;
    private readonly ConcurrentDictionary<string, SegmentWriter> _writers = new(StringComparer.Ordinal);

    /// <summary>A log under <paramref name="root"/> (created on the first write).</summary>
    public FileSampleLog(string root, TrainingOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Root = Path.GetFullPath(root);
        _options = options;
    }

    /// <summary>The folder of the log.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public double SampleRate => _options.SampleRate;

    /// <inheritdoc />
    public SampleLogCounters Counters { get; } = new();

    /// <summary>The folder of <paramref name="topic"/>'s partition <paramref name="partition"/> under <paramref name="root"/>.</summary>
    public static string PartitionFolder(string root, string topic, int partition) =>
        Path.Combine(root, topic + "-" + partition.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public ISampleSink Open(TopicPartition source, DeliveryBarrier outputs)
    {
        ArgumentNullException.ThrowIfNull(source);
        var folder = PartitionFolder(Root, source.Topic, source.Partition.Value);
        return new Sink(this, _writers.GetOrAdd(folder, static (f, options) => new SegmentWriter(f, options.SegmentBytes), _options));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }
        _writers.Clear();
    }

    /// <summary>One checkpoint's block, compressed as records arrive so the raw rows are never held whole.</summary>
    private sealed class Sink(FileSampleLog log, SegmentWriter writer) : ISampleSink
    {
        private MemoryStream? _body;
        private ZLibStream? _zlib;
        private int _records;

        public void Append(long userId, ReadOnlySpan<byte> payload)
        {
            if (_zlib is null)
            {
                _body = new MemoryStream();
                _zlib = new ZLibStream(_body, log._options.Compression, leaveOpen: true);
            }
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, payload.Length);
            _zlib.Write(length);
            _zlib.Write(payload);
            _records++;
        }

        public async Task CompleteAsync(CancellationToken cancellation)
        {
            if (_zlib is null || _body is null)
            {
                return;
            }
            _zlib.Dispose();
            var body = _body;
            var records = _records;
            var stored = await Task.Run(() => writer.Append(body.GetBuffer().AsSpan(0, (int)body.Length), records), cancellation).ConfigureAwait(false);
            log.Counters.Add(0, 0, 0, 0, stored);
        }
    }

    /// <summary>The segments of one partition folder: appends blocks to the open segment, rolling to the next at the size limit.</summary>
    private sealed class SegmentWriter(string folder, long segmentBytes) : IDisposable
    {
        private readonly Lock _lock = new();
        private FileStream? _segment;
        private int _next = -1;

        /// <summary>Writes and fsyncs one block; returns the bytes written.</summary>
        public long Append(ReadOnlySpan<byte> body, int records)
        {
            lock (_lock)
            {
                long written = 0;
                if (_segment is null || _segment.Length >= segmentBytes)
                {
                    written += Roll();
                }
                var segment = _segment!;
                try
                {
                    SampleSegment.WriteBlockHeader(segment, body.Length, records);
                    segment.Write(body);
                    segment.Flush(flushToDisk: true);
                }
                catch (IOException)
                {
                    // Part of the block may be in the file: nothing may follow it there, or it
                    // would be a torn block before the last. The next write starts a new segment.
                    segment.Dispose();
                    _segment = null;
                    throw;
                }
                return written + SampleSegment.BlockHeaderLength + body.Length;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _segment?.Dispose();
                _segment = null;
            }
        }

        // A new file per process start and per size limit, never an old one reopened: a block
        // torn by a crash then stays the last of its segment, where the reader expects it.
        private int Roll()
        {
            _segment?.Dispose();
            if (_next < 0)
            {
                Directory.CreateDirectory(folder);
                _next = Directory.EnumerateFiles(folder, "*" + SampleSegment.Extension)
                    .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                    .DefaultIfEmpty(0)
                    .Max() + 1;
            }
            var path = Path.Combine(folder, _next.ToString("D8", CultureInfo.InvariantCulture) + SampleSegment.Extension);
            _next++;
            _segment = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
            SampleSegment.WriteHeader(_segment);
            return SampleSegment.HeaderLength;
        }
    }
}
