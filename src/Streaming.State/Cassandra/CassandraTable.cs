namespace Streaming.State.Cassandra;

/// <summary>A Cassandra table as <c>schemas/cassandra/*.cql</c> must declare it.</summary>
/// <param name="Name">The table name (in keyspace <see cref="CassandraTables.Keyspace"/>).</param>
/// <param name="Columns">Every column, in declaration order.</param>
/// <param name="PartitionKey">The partition key columns, in order.</param>
/// <param name="Clustering">The clustering columns, in order, with their sort order.</param>
/// <param name="DefaultTimeToLiveSeconds">The table's <c>default_time_to_live</c>; 0 means rows never expire by themselves.</param>
public sealed record CassandraTable(
    string Name,
    IReadOnlyList<CassandraColumn> Columns,
    IReadOnlyList<string> PartitionKey,
    IReadOnlyList<CassandraClusteringColumn> Clustering,
    int DefaultTimeToLiveSeconds);
