namespace Streaming.State.Cassandra;

/// <summary>
/// The Cassandra layout of the state store, the twin of the RocksDB key layout (docs/state-store.md):
/// what <c>schemas/cassandra/*.cql</c> must declare, column for column, for a Cassandra
/// <see cref="IStateStore"/> to write. Columns come from the members of <see cref="StoredUser"/>,
/// <see cref="UserWrite"/> and <see cref="StateBatch"/>, so renaming or retyping one of them changes
/// this description, and the DDL test then fails until the .cql files follow.
/// </summary>
/// <remarks>
/// User state is one opaque blob per user (Core's state codec), as in RocksDB, not one column per
/// feature: every window of SPEC §3-§5 is in event time and pruned by the codec when events are
/// applied, so no table has a TTL (a wall-clock TTL would expire replayed and late data wrongly).
/// See docs/schemas.md, "Cassandra tables".
/// </remarks>
public static class CassandraTables
{
    /// <summary>The keyspace every table lives in.</summary>
    public const string Keyspace = "streaming";

    /// <summary>Per (namespace, user) the latest committed state and the source position it reflects.</summary>
    public static CassandraTable UserState { get; } = new(
        "user_state",
        [
            Column("namespace", typeof(string)),
            Column(nameof(UserWrite.UserId), typeof(long)),
            Column(nameof(StoredUser.AppliedOffset), typeof(long)),
            Column(nameof(StoredUser.Partition), typeof(int)),
            Column(nameof(StoredUser.State), typeof(ReadOnlyMemory<byte>)),
            Column("UpdatedAt", typeof(DateTimeOffset)),
        ],
        ["namespace", CqlTypes.ColumnName(nameof(UserWrite.UserId))],
        [],
        DefaultTimeToLiveSeconds: 0);

    /// <summary>Per (namespace, topic) and partition the next offset to consume: the compare-and-set fence of a commit.</summary>
    public static CassandraTable PartitionOffsets { get; } = new(
        "partition_offsets",
        [
            Column("namespace", typeof(string)),
            Column(nameof(StateBatch.Topic), typeof(string)),
            Column(nameof(StateBatch.Partition), typeof(int)),
            Column(nameof(StateBatch.NextOffset), typeof(long)),
        ],
        ["namespace", CqlTypes.ColumnName(nameof(StateBatch.Topic))],
        [new CassandraClusteringColumn(CqlTypes.ColumnName(nameof(StateBatch.Partition)), Descending: false)],
        DefaultTimeToLiveSeconds: 0);

    /// <summary>Published model versions per stage (newest first): what the pipeline swaps to.</summary>
    public static CassandraTable ModelVersions { get; } = new(
        "model_versions",
        [
            new("stage", "text"),
            new("version", "int"),
            new("contract_version", "int"),
            new("artifact_uri", "text"),
            new("sha256", "text"),
            new("metrics", "map<text, double>"),
            new("training_cutoff_ms", "bigint"),
            new("published_at", "timestamp"),
        ],
        ["stage"],
        [new CassandraClusteringColumn("version", Descending: true)],
        DefaultTimeToLiveSeconds: 0);

    /// <summary>Every table, in the order of the .cql files.</summary>
    public static IReadOnlyList<CassandraTable> All { get; } = [UserState, PartitionOffsets, ModelVersions];

    private static CassandraColumn Column(string member, Type type) => new(CqlTypes.ColumnName(member), CqlTypes.Of(type));
}
