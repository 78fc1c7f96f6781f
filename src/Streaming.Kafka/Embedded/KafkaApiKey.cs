namespace Streaming.Kafka.Embedded;

/// <summary>
/// Kafka protocol request types (ApiKey numbers from the Kafka protocol), named for fault
/// injection on the <see cref="EmbeddedKafkaBroker"/>.
/// </summary>
public enum KafkaApiKey : short
{
    /// <summary>Produce request.</summary>
    Produce = 0,

    /// <summary>Fetch request.</summary>
    Fetch = 1,

    /// <summary>ListOffsets request (watermarks, offset reset).</summary>
    ListOffsets = 2,

    /// <summary>Metadata request.</summary>
    Metadata = 3,

    /// <summary>OffsetCommit request.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch request (committed offsets).</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator request.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroup request.</summary>
    JoinGroup = 11,

    /// <summary>Heartbeat request.</summary>
    Heartbeat = 12,

    /// <summary>LeaveGroup request.</summary>
    LeaveGroup = 13,

    /// <summary>SyncGroup request.</summary>
    SyncGroup = 14,

    /// <summary>InitProducerId request (idempotent and transactional producers).</summary>
    InitProducerId = 22,
}
