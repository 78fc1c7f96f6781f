using System.Buffers.Binary;
using System.Text;

namespace Streaming.State;

/// <summary>
/// The key layout of the state store (one RocksDB column family, the default; the same bytes
/// serve any ordered key-value store):
/// <code>
///  offset key:  | namespace | 0x00 | 'o' | 0x00 | topic (UTF-8) | 0x00 | partition, 4 bytes BE |
///  user key:    | namespace | 0x00 | 'u' | 0x00 | user id, 8 bytes BE, sign bit flipped     |
/// </code>
/// Namespaces and topics are drawn from [A-Za-z0-9._-], so they never contain 0x00 and the
/// separator makes every prefix unambiguous ("prod" never sees "prod2"'s keys). Flipping the
/// sign bit makes byte order equal numeric order, so a prefix scan lists users ascending.
/// </summary>
internal static class StateKeys
{
    public const int MaxNamespaceLength = 64;

    // Kafka's own limit on topic names.
    public const int MaxTopicLength = 249;

    private const byte Separator = 0x00;
    private const byte OffsetTag = (byte)'o';
    private const byte UserTag = (byte)'u';

    /// <summary>The prefix of every user key of a namespace: <c>ns 0x00 'u' 0x00</c>.</summary>
    public static byte[] UserPrefix(string ns) => Prefix(ns, UserTag, 0);

    public static byte[] UserKey(string ns, long userId)
    {
        var key = Prefix(ns, UserTag, sizeof(long));
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(key.Length - sizeof(long)), (ulong)userId ^ 0x8000_0000_0000_0000UL);
        return key;
    }

    public static long UserIdOf(ReadOnlySpan<byte> userKey) =>
        (long)(BinaryPrimitives.ReadUInt64BigEndian(userKey[^sizeof(long)..]) ^ 0x8000_0000_0000_0000UL);

    public static byte[] OffsetKey(string ns, string topic, int partition)
    {
        var topicLength = Encoding.ASCII.GetByteCount(topic);
        var key = Prefix(ns, OffsetTag, topicLength + 1 + sizeof(int));
        var tail = key.AsSpan(key.Length - topicLength - 1 - sizeof(int));
        Encoding.ASCII.GetBytes(topic, tail);
        tail[topicLength] = Separator;
        BinaryPrimitives.WriteInt32BigEndian(tail[(topicLength + 1)..], partition);
        return key;
    }

    public static void CheckNamespace(string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        if (ns.Length is 0 or > MaxNamespaceLength || !IsName(ns))
        {
            throw new ArgumentException($"Namespace '{ns}' must be 1 to {MaxNamespaceLength} characters of [A-Za-z0-9._-].", nameof(ns));
        }
    }

    public static void CheckTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length is 0 or > MaxTopicLength || !IsName(topic))
        {
            throw new ArgumentException($"Topic '{topic}' must be 1 to {MaxTopicLength} characters of [A-Za-z0-9._-], as Kafka requires.", nameof(topic));
        }
    }

    private static byte[] Prefix(string ns, byte tag, int extra)
    {
        // ns is ASCII (checked when the store was opened): one byte per character.
        var key = new byte[ns.Length + 3 + extra];
        Encoding.ASCII.GetBytes(ns, key);
        key[ns.Length] = Separator;
        key[ns.Length + 1] = tag;
        key[ns.Length + 2] = Separator;
        return key;
    }

    private static bool IsName(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
