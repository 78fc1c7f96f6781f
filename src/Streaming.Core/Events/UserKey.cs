using System.Globalization;

namespace Streaming.Core.Events;

/// <summary>
/// The Kafka key of every record about a user: the user id in decimal ASCII. Readable in any
/// Kafka tool, and hashed by the murmur2 partitioner exactly as Java clients would hash it.
/// </summary>
public static class UserKey
{
    /// <summary>The key bytes of <paramref name="userId"/>.</summary>
    public static byte[] Encode(long userId) => System.Text.Encoding.ASCII.GetBytes(userId.ToString(CultureInfo.InvariantCulture));
}
