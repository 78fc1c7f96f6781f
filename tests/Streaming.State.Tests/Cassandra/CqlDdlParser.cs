using System.Globalization;
using System.Text;
using Streaming.State.Cassandra;

namespace Streaming.State.Tests.Cassandra;

/// <summary>
/// A small parser for the CQL DDL the project writes: CREATE KEYSPACE and CREATE TABLE with
/// columns (simple and collection types), PRIMARY KEY (inline or as a clause, composite partition
/// keys), CLUSTERING ORDER BY and default_time_to_live. Anything else throws, so a statement the
/// test does not understand cannot pass unnoticed.
/// </summary>
internal sealed class CqlDdlParser
{
    private readonly List<string> _tokens;
    private int _at;

    private CqlDdlParser(List<string> tokens) => _tokens = tokens;

    public List<string> Keyspaces { get; } = [];

    public List<(string Keyspace, CassandraTable Table)> Tables { get; } = [];

    public static CqlDdlParser Parse(string cql)
    {
        var parser = new CqlDdlParser(Tokenize(cql));
        while (!parser.AtEnd)
        {
            parser.Statement();
        }
        return parser;
    }

    private bool AtEnd => _at >= _tokens.Count;

    private void Statement()
    {
        Expect("CREATE");
        if (Accept("KEYSPACE"))
        {
            IfNotExists();
            Keyspaces.Add(Identifier());
            Expect("WITH");
            // Options (replication placeholder, durable_writes) are not the layout: skip them.
            while (!Accept(";"))
            {
                Next();
            }
            return;
        }
        Expect("TABLE");
        IfNotExists();
        var first = Identifier();
        var (keyspace, name) = Accept(".") ? (first, Identifier()) : ("", first);
        Expect("(");
        var columns = new List<CassandraColumn>();
        List<string>? partition = null;
        var clustering = new List<string>();
        do
        {
            if (Accept("PRIMARY"))
            {
                Expect("KEY");
                Expect("(");
                partition = Accept("(") ? IdentifierList(")") : [Identifier()];
                while (Accept(","))
                {
                    clustering.Add(Identifier());
                }
                Expect(")");
                continue;
            }
            var column = Identifier();
            columns.Add(new CassandraColumn(column, Type()));
            if (Accept("PRIMARY"))
            {
                Expect("KEY");
                partition = [column];
            }
        }
        while (Accept(","));
        Expect(")");
        var descending = new Dictionary<string, bool>(StringComparer.Ordinal);
        var ttl = 0;
        if (Accept("WITH"))
        {
            do
            {
                if (Accept("CLUSTERING"))
                {
                    Expect("ORDER");
                    Expect("BY");
                    Expect("(");
                    do
                    {
                        var column = Identifier();
                        var isDescending = Accept("DESC");
                        if (!isDescending)
                        {
                            Accept("ASC");
                        }
                        descending[column] = isDescending;
                    }
                    while (Accept(","));
                    Expect(")");
                    continue;
                }
                var option = Identifier();
                Expect("=");
                var value = Next();
                if (option == "default_time_to_live")
                {
                    ttl = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                }
                else
                {
                    throw new FormatException($"table {name}: option {option} is not understood by this parser");
                }
            }
            while (Accept("AND"));
        }
        Expect(";");
        if (partition is null)
        {
            throw new FormatException($"table {name} has no PRIMARY KEY");
        }
        var order = clustering.Select(c => new CassandraClusteringColumn(c, descending.GetValueOrDefault(c))).ToList();
        if (descending.Keys.Any(k => !clustering.Contains(k)))
        {
            throw new FormatException($"table {name}: CLUSTERING ORDER names a column that is not a clustering column");
        }
        Tables.Add((keyspace, new CassandraTable(name, columns, partition, order, ttl)));
    }

    /// <summary>A type, written back canonically: <c>map&lt;text, double&gt;</c>.</summary>
    private string Type()
    {
        var type = Identifier();
        if (!Accept("<"))
        {
            return type;
        }
        var parts = new List<string> { Type() };
        while (Accept(","))
        {
            parts.Add(Type());
        }
        Expect(">");
        return $"{type}<{string.Join(", ", parts)}>";
    }

    private void IfNotExists()
    {
        if (Accept("IF"))
        {
            Expect("NOT");
            Expect("EXISTS");
        }
    }

    private List<string> IdentifierList(string close)
    {
        var names = new List<string> { Identifier() };
        while (Accept(","))
        {
            names.Add(Identifier());
        }
        Expect(close);
        return names;
    }

    private string Identifier()
    {
        var token = Next();
        if (token.Length > 1 && token[0] == '"')
        {
            return token[1..^1];
        }
        if (!char.IsAsciiLetter(token[0]) || !token.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new FormatException($"expected an identifier, found '{token}'");
        }
        // Unquoted CQL identifiers are case-insensitive and stored lower case.
        return token.ToLowerInvariant();
    }

    private bool Accept(string keyword)
    {
        if (!AtEnd && string.Equals(_tokens[_at], keyword, StringComparison.OrdinalIgnoreCase))
        {
            _at++;
            return true;
        }
        return false;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw new FormatException($"expected '{keyword}', found '{(AtEnd ? "end of input" : _tokens[_at])}'");
        }
    }

    private string Next() => AtEnd ? throw new FormatException("unexpected end of input") : _tokens[_at++];

    private static List<string> Tokenize(string cql)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < cql.Length)
        {
            var c = cql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < cql.Length && cql[i + 1] == '-' || c == '/' && i + 1 < cql.Length && cql[i + 1] == '/')
            {
                i = cql.IndexOf('\n', i) is var end and >= 0 ? end : cql.Length;
            }
            else if (c == '/' && i + 1 < cql.Length && cql[i + 1] == '*')
            {
                i = cql.IndexOf("*/", i + 2, StringComparison.Ordinal) + 2;
                if (i < 2)
                {
                    throw new FormatException("unterminated /* comment");
                }
            }
            else if (c is '\'' or '"')
            {
                var end = cql.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unterminated {c}quoted{c} text");
                }
                tokens.Add(cql[i..(end + 1)]);
                i = end + 1;
            }
            else if (c == '$' && i + 1 < cql.Length && cql[i + 1] == '{')
            {
                var end = cql.IndexOf('}', i);
                tokens.Add(cql[i..(end + 1)]);
                i = end + 1;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                var word = new StringBuilder();
                while (i < cql.Length && (char.IsAsciiLetterOrDigit(cql[i]) || cql[i] == '_'))
                {
                    word.Append(cql[i++]);
                }
                tokens.Add(word.ToString());
            }
            else if ("(),;<>=.{}:".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                throw new FormatException($"unexpected character '{c}' at {i}");
            }
        }
        return tokens;
    }
}
