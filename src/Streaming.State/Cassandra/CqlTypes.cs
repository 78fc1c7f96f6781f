namespace Streaming.State.Cassandra;

/// <summary>The CQL type a store column gets for the C# type of the record member it holds.</summary>
public static class CqlTypes
{
    /// <summary>The CQL type for <paramref name="type"/>: long bigint, int int, string text, bytes blob, and so on.</summary>
    /// <exception cref="ArgumentException">No column type is decided for <paramref name="type"/>.</exception>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            _ when type == typeof(long) => "bigint",
            _ when type == typeof(int) => "int",
            _ when type == typeof(string) => "text",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(double) => "double",
            _ when type == typeof(float) => "float",
            _ when type == typeof(ReadOnlyMemory<byte>) || type == typeof(byte[]) => "blob",
            _ when type == typeof(DateTimeOffset) => "timestamp",
            _ => throw new ArgumentException($"No CQL column type is decided for {type}.", nameof(type)),
        };
    }

    /// <summary>The column name of a C# member name: <c>AppliedOffset</c> becomes <c>applied_offset</c>.</summary>
    public static string ColumnName(string memberName)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberName);
        var name = new System.Text.StringBuilder(memberName.Length + 4);
        for (var i = 0; i < memberName.Length; i++)
        {
            var c = memberName[i];
            if (char.IsUpper(c) && i > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}
