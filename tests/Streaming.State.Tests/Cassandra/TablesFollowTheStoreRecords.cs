using Streaming.State.Cassandra;
using Xunit;

namespace Streaming.State.Tests.Cassandra;

/// <summary>
/// Every member of the records the store persists has its column, with the type its C# type maps
/// to: a field added to <see cref="StoredUser"/>, <see cref="UserWrite"/> or <see cref="StateBatch"/>
/// without a column (or a column the records do not have) fails here.
/// </summary>
public sealed class TablesFollowTheStoreRecords
{
    [Fact]
    public void User_state_has_a_column_for_every_stored_user_and_user_write_member_and_nothing_else()
    {
        var expected = new Dictionary<string, string>
        {
            ["namespace"] = "text", // IStateStore.Namespace
            ["updated_at"] = "timestamp", // written by the store, for operators
        };
        foreach (var property in typeof(StoredUser).GetProperties().Concat(typeof(UserWrite).GetProperties()))
        {
            expected[CqlTypes.ColumnName(property.Name)] = CqlTypes.Of(property.PropertyType);
        }
        Assert.Equal(expected.OrderBy(e => e.Key), CassandraTables.UserState.Columns.ToDictionary(c => c.Name, c => c.CqlType).OrderBy(e => e.Key));
    }

    [Fact]
    public void Partition_offsets_hold_the_batch_position_members()
    {
        var columns = CassandraTables.PartitionOffsets.Columns.ToDictionary(c => c.Name, c => c.CqlType);
        Assert.Equal("text", columns["namespace"]);
        Assert.Equal("text", columns["topic"]);
        Assert.Equal(CqlTypes.Of(typeof(StateBatch).GetProperty(nameof(StateBatch.Partition))!.PropertyType), columns["partition"]);
        Assert.Equal(CqlTypes.Of(typeof(StateBatch).GetProperty(nameof(StateBatch.NextOffset))!.PropertyType), columns["next_offset"]);
        Assert.Equal(4, columns.Count);
    }

    [Fact]
    public void Keys_are_the_lookups_the_store_makes()
    {
        Assert.Equal(["namespace", "user_id"], CassandraTables.UserState.PartitionKey);
        Assert.Empty(CassandraTables.UserState.Clustering);
        Assert.Equal(["namespace", "topic"], CassandraTables.PartitionOffsets.PartitionKey);
        Assert.Equal([new CassandraClusteringColumn("partition", false)], CassandraTables.PartitionOffsets.Clustering);
    }

    [Fact]
    public void Column_names_are_snake_case_of_member_names() =>
        Assert.Equal(["applied_offset", "user_id", "state", "next_offset"], new[] { "AppliedOffset", "UserId", "State", "NextOffset" }.Select(CqlTypes.ColumnName));
}
