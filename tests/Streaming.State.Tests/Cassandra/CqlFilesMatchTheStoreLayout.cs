using Streaming.State.Cassandra;
using Xunit;

namespace Streaming.State.Tests.Cassandra;

/// <summary>
/// schemas/cassandra/*.cql declare exactly the tables of <see cref="CassandraTables"/>: same names,
/// columns (order, names, CQL types), keys, clustering order and TTLs, in keyspace streaming.
/// </summary>
public sealed class CqlFilesMatchTheStoreLayout
{
    [Fact]
    public void The_cql_files_declare_exactly_the_described_tables()
    {
        var parsed = Parse();
        Assert.Equal([CassandraTables.Keyspace], parsed.Keyspaces);
        Assert.All(parsed.Tables, t => Assert.Equal(CassandraTables.Keyspace, t.Keyspace));
        var declared = parsed.Tables.Select(t => t.Table).ToList();
        Assert.Equal(CassandraTables.All.Select(t => t.Name), declared.Select(t => t.Name));
        foreach (var (expected, actual) in CassandraTables.All.Zip(declared))
        {
            Assert.Equal(expected.Columns, actual.Columns);
            Assert.Equal(expected.PartitionKey, actual.PartitionKey);
            Assert.Equal(expected.Clustering, actual.Clustering);
            Assert.Equal(expected.DefaultTimeToLiveSeconds, actual.DefaultTimeToLiveSeconds);
        }
    }

    [Fact]
    public void The_parser_sees_a_changed_column_type_key_or_ttl()
    {
        var text = File.ReadAllText(Path.Combine(CassandraFolder(), "01_user_state.cql"));
        Assert.NotEqual(Table(text).Columns, Table(text.Replace("applied_offset bigint", "applied_offset int", StringComparison.Ordinal)).Columns);
        Assert.Equal(["namespace"], Table(text.Replace("PRIMARY KEY ((namespace, user_id))", "PRIMARY KEY ((namespace), user_id)", StringComparison.Ordinal)).PartitionKey);
        Assert.Equal(3600, Table(text.Replace("default_time_to_live = 0", "default_time_to_live = 3600", StringComparison.Ordinal)).DefaultTimeToLiveSeconds);
        var inline = Table("CREATE TABLE t (id bigint PRIMARY KEY, tags set<text>, m map<text, frozen<list<int>>>);");
        Assert.Equal(["id"], inline.PartitionKey);
        Assert.Equal("map<text, frozen<list<int>>>", inline.Columns[2].CqlType);
    }

    private static CassandraTable Table(string cql) => Assert.Single(CqlDdlParser.Parse(cql).Tables).Table;

    private static CqlDdlParser Parse()
    {
        var files = Directory.GetFiles(CassandraFolder(), "*.cql").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, files.Count);
        return CqlDdlParser.Parse(string.Join("\n", files.Select(File.ReadAllText)));
    }

    private static string CassandraFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return Path.Combine(dir.FullName, "schemas", "cassandra");
            }
        }
        throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}
