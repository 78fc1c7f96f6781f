namespace Streaming.State.Cassandra;

/// <summary>A clustering column of a table's primary key and its sort order.</summary>
/// <param name="Name">The column.</param>
/// <param name="Descending">True for <c>CLUSTERING ORDER BY (name DESC)</c>.</param>
public sealed record CassandraClusteringColumn(string Name, bool Descending);
