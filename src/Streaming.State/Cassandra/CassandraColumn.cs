namespace Streaming.State.Cassandra;

/// <summary>One column of a Cassandra table.</summary>
/// <param name="Name">The column name (snake_case).</param>
/// <param name="CqlType">Its CQL type as written in the DDL: <c>bigint</c>, <c>blob</c>, <c>map&lt;text, double&gt;</c>.</param>
public sealed record CassandraColumn(string Name, string CqlType);
