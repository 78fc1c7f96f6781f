using System.Buffers.Binary;
using System.IO.Compression;

namespace Streaming.Pipeline.Training;

/// <summary>
/// The layout of a sample-log segment file (docs/training-samples.md): a header, then one block per
/// checkpoint, each a zlib stream (its Adler-32 catches a torn or corrupt block) of framed records
/// in <see cref="Core.Schemas.FramedEventFile"/>'s layout.
/// <code>
/// segment := magic "SLOG" | version u8 (1) | block*
/// block   := body length i32 BE | records i32 BE | body: zlib( ([length i32 BE][framed payload])* )
/// </code>
/// A segment is written by one process only and never appended to after it restarts, so a block
/// torn by a crash can only be a segment's last; the reader drops it (its checkpoint was never
/// committed, so its records are logged again after the restart).
/// </summary>
public static class SampleSegment
{
    /// <summary>The file extension of a segment.</summary>
    public const string Extension = ".slog";

    /// <summary>The layout version written.</summary>
    public const byte Version = 1;

    /// <summary>Bytes of a block's header.</summary>
    public const int BlockHeaderLength = 8;

    // zlib header (2) + the shortest deflate block (1) + Adler-32 (4), less one for slack in the count.
    private const int MinBody = 6;

    private static ReadOnlySpan<byte> Magic => "SLOG"u8;

    /// <summary>Bytes of the segment header.</summary>
    public static int HeaderLength => Magic.Length + 1;

    /// <summary>Writes the segment header.</summary>
    public static void WriteHeader(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Magic);
        output.WriteByte(Version);
    }

    /// <summary>Writes one block's header; its <paramref name="bodyLength"/> bytes of zlib body follow.</summary>
    public static void WriteBlockHeader(Stream output, int bodyLength, int records)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> header = stackalloc byte[BlockHeaderLength];
        BinaryPrimitives.WriteInt32BigEndian(header, bodyLength);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], records);
        output.Write(header);
    }

    /// <summary>
    /// The framed payloads of a segment, in order. A last block that is cut short or fails its
    /// checksum is a torn write: it is skipped and <paramref name="onTornTail"/> is called. Anything
    /// else that is wrong throws <see cref="InvalidDataException"/> naming the segment and block.
    /// </summary>
    /// <param name="input">The segment, read from its start; must be seekable (its length tells the last block).</param>
    /// <param name="name">How errors name the segment.</param>
    /// <param name="onTornTail">Called with the torn block's index.</param>
    public static IEnumerable<byte[]> ReadPayloads(Stream input, string name, Action<int>? onTornTail = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = new byte[Math.Max(HeaderLength, BlockHeaderLength)];
        if (input.ReadAtLeast(header.AsSpan(0, HeaderLength), HeaderLength, throwOnEndOfStream: false) < HeaderLength)
        {
            // Created, crashed before its header was durable: nothing in it was ever committed.
            onTornTail?.Invoke(0);
            yield break;
        }
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic) || header[Magic.Length] != Version)
        {
            throw new InvalidDataException($"{name} is not a version-{Version} sample segment (header {Convert.ToHexString(header, 0, HeaderLength)}).");
        }
        for (var block = 0; ; block++)
        {
            var read = input.ReadAtLeast(header.AsSpan(0, BlockHeaderLength), BlockHeaderLength, throwOnEndOfStream: false);
            if (read == 0)
            {
                yield break;
            }
            if (read < BlockHeaderLength)
            {
                onTornTail?.Invoke(block);
                yield break;
            }
            var bodyLength = BinaryPrimitives.ReadInt32BigEndian(header);
            var records = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            if (bodyLength >= 0 && bodyLength > input.Length - input.Position)
            {
                // The body is cut short: only the end of the file can be.
                onTornTail?.Invoke(block);
                yield break;
            }
            // The writer never writes an empty block; a zlib stream has at least six bytes.
            var payloads = bodyLength < MinBody || records < 1 ? null : Decompress(ReadBody(input, bodyLength), records);
            if (payloads is null)
            {
                if (input.Position < input.Length)
                {
                    throw new InvalidDataException($"{name}: block {block} is corrupt and is not the segment's last (a torn write can only be the last).");
                }
                onTornTail?.Invoke(block);
                yield break;
            }
            foreach (var payload in payloads)
            {
                yield return payload;
            }
        }
    }

    private static byte[] ReadBody(Stream input, int length)
    {
        var body = new byte[length];
        input.ReadExactly(body);
        return body;
    }

    // Null when the body is not a whole zlib stream of exactly `records` framed payloads.
    private static List<byte[]>? Decompress(byte[] body, int records)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(body, writable: false), CompressionMode.Decompress);
            var payloads = new List<byte[]>(Math.Min(records, 1 << 16));
            Span<byte> length = stackalloc byte[4];
            for (var i = 0; i < records; i++)
            {
                zlib.ReadExactly(length);
                var size = BinaryPrimitives.ReadInt32BigEndian(length);
                if (size < 0)
                {
                    return null;
                }
                var payload = new byte[size];
                zlib.ReadExactly(payload);
                payloads.Add(payload);
            }
            // The stream must end here, which also makes zlib check its Adler-32.
            return zlib.ReadByte() == -1 ? payloads : null;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }
}
