namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// Decides, by the Avro 1.12 specification's "Schema Resolution" rules, whether data written with
/// one schema can be read with another, and lists every place where it cannot. Pure: schema JSON
/// in, issues out. Stricter than Apache.Avro's <c>Schema.CanRead</c>, which for example accepts
/// any union writer for a primitive reader and any enum against any enum of the same name.
/// </summary>
/// <remarks>
/// Decisions where the specification leaves room: names compare unqualified (so do reader
/// aliases, by their last part); a reader union picks the first branch that matches the writer's
/// type (promotions included) and resolves against it only; logical types resolve as their
/// underlying type; a union default may match any branch (Avro 1.12).
/// </remarks>
public static class SchemaResolver
{
    /// <summary>Every issue that stops <paramref name="readerJson"/> from reading data written with <paramref name="writerJson"/>; empty when it can.</summary>
    /// <param name="readerJson">The reader's schema.</param>
    /// <param name="writerJson">The writer's schema.</param>
    /// <param name="readerLabel">How details name the reader, for example <c>v2</c>.</param>
    /// <param name="writerLabel">How details name the writer.</param>
    /// <exception cref="InvalidDataException">A text is not a valid Avro schema.</exception>
    public static IReadOnlyList<ResolutionIssue> Check(string readerJson, string writerJson, string readerLabel = "reader", string writerLabel = "writer") =>
        Check(AvroSchemaParser.Parse(readerJson), AvroSchemaParser.Parse(writerJson), readerLabel, writerLabel);

    internal static IReadOnlyList<ResolutionIssue> Check(AvroSchemaNode reader, AvroSchemaNode writer, string readerLabel, string writerLabel)
    {
        var walk = new Walk(readerLabel, writerLabel);
        walk.Resolve(reader, writer, "");
        return walk.Issues;
    }

    /// <summary>The spec's "match" of two non-union types, before any recursion: same kind (named types: names), or a promotion.</summary>
    internal static bool Matches(AvroSchemaNode reader, AvroSchemaNode writer)
    {
        if (reader.Kind == writer.Kind)
        {
            return reader.Kind switch
            {
                AvroKind.Record or AvroKind.Enum => NamesMatch(reader, writer),
                AvroKind.Fixed => NamesMatch(reader, writer) && reader.Size == writer.Size,
                _ => true,
            };
        }
        return Promotes(writer.Kind, reader.Kind);
    }

    private static bool Promotes(AvroKind writer, AvroKind reader) => (writer, reader) switch
    {
        (AvroKind.Int, AvroKind.Long or AvroKind.Float or AvroKind.Double) => true,
        (AvroKind.Long, AvroKind.Float or AvroKind.Double) => true,
        (AvroKind.Float, AvroKind.Double) => true,
        (AvroKind.String, AvroKind.Bytes) or (AvroKind.Bytes, AvroKind.String) => true,
        _ => false,
    };

    private static bool NamesMatch(AvroSchemaNode reader, AvroSchemaNode writer) =>
        reader.Name == writer.Name || reader.Aliases.Any(a => a[(a.LastIndexOf('.') + 1)..] == writer.Name);

    private sealed class Walk(string readerLabel, string writerLabel)
    {
        // Record pairs being resolved right now: a recursive schema meets the same pair again
        // inside itself, and that inner visit would find nothing the outer one does not.
        private readonly HashSet<(AvroSchemaNode, AvroSchemaNode)> _inProgress = [];

        public List<ResolutionIssue> Issues { get; } = [];

        public void Resolve(AvroSchemaNode reader, AvroSchemaNode writer, string path)
        {
            if (writer.Kind == AvroKind.Union)
            {
                ResolveWriterUnion(reader, writer, path);
                return;
            }
            if (reader.Kind == AvroKind.Union)
            {
                var branch = reader.Branches.FirstOrDefault(b => Matches(b, writer));
                if (branch is null)
                {
                    Add(path, ResolutionRule.NoMatchingReaderBranch,
                        $"{Where(path)} is {writer.Describe()} in writer {writerLabel} but no branch of {reader.Describe()} in reader {readerLabel} matches it");
                    return;
                }
                Resolve(branch, writer, path);
                return;
            }
            if (!Matches(reader, writer))
            {
                Mismatch(reader, writer, path);
                return;
            }
            switch (reader.Kind)
            {
                case AvroKind.Record:
                    ResolveRecord(reader, writer, path);
                    return;
                case AvroKind.Enum:
                    ResolveEnum(reader, writer, path);
                    return;
                case AvroKind.Array:
                    Resolve(reader.Items!, writer.Items!, path + "[]");
                    return;
                case AvroKind.Map:
                    Resolve(reader.Values!, writer.Values!, path + "{}");
                    return;
                default:
                    return;
            }
        }

        private void ResolveWriterUnion(AvroSchemaNode reader, AvroSchemaNode writer, string path)
        {
            foreach (var branch in writer.Branches)
            {
                // Any branch may be the one written, so each must resolve on its own.
                var matched = reader.Kind == AvroKind.Union ? reader.Branches.FirstOrDefault(b => Matches(b, branch)) : Matches(reader, branch) ? reader : null;
                if (matched is null)
                {
                    Add(path, ResolutionRule.WriterBranchUnresolved,
                        $"{Where(path)} is {writer.Describe()} in writer {writerLabel}, and its branch {branch.Describe()} matches nothing in {reader.Describe()} of reader {readerLabel}");
                    continue;
                }
                Resolve(matched, branch, path);
            }
        }

        private void ResolveRecord(AvroSchemaNode reader, AvroSchemaNode writer, string path)
        {
            if (!_inProgress.Add((reader, writer)))
            {
                return;
            }
            foreach (var field in reader.Fields)
            {
                var fieldPath = path.Length == 0 ? field.Name : path + "." + field.Name;
                // The field's own name first, then its aliases (the names it had in older writers).
                var written = writer.Field(field.Name) ?? writer.Fields.FirstOrDefault(w => field.Aliases.Contains(w.Name));
                if (written is not null)
                {
                    Resolve(field.Type, written.Type, fieldPath);
                }
                else if (!field.HasDefault)
                {
                    Add(fieldPath, ResolutionRule.MissingDefault,
                        $"reader field '{fieldPath}' ({readerLabel}) has no default and is missing in writer {writerLabel}");
                }
            }
            // Writer fields the reader lacks are skipped: never an issue.
            _inProgress.Remove((reader, writer));
        }

        private void ResolveEnum(AvroSchemaNode reader, AvroSchemaNode writer, string path)
        {
            if (reader.EnumDefault is not null)
            {
                return;
            }
            var missing = writer.Symbols.Where(s => !reader.Symbols.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                Add(path, ResolutionRule.EnumSymbolMissing,
                    $"{Where(path)}: symbol(s) {string.Join(", ", missing)} of enum {writer.FullName} in writer {writerLabel} are missing in reader {readerLabel}, whose enum has no default");
            }
        }

        private void Mismatch(AvroSchemaNode reader, AvroSchemaNode writer, string path)
        {
            if (reader.Kind == writer.Kind && reader.IsNamed && !NamesMatch(reader, writer))
            {
                Add(path, ResolutionRule.NameMismatch,
                    $"{Where(path)} is {writer.Describe()} in writer {writerLabel} but {reader.Describe()} in reader {readerLabel}, and no reader alias names {writer.Name}");
            }
            else if (reader.Kind == AvroKind.Fixed && writer.Kind == AvroKind.Fixed)
            {
                Add(path, ResolutionRule.FixedSizeMismatch,
                    $"{Where(path)} is {writer.Describe()} in writer {writerLabel} but {reader.Describe()} in reader {readerLabel}");
            }
            else
            {
                Add(path, ResolutionRule.TypeMismatch,
                    $"{Where(path)} is {writer.Describe()} in writer {writerLabel} but {reader.Describe()} in reader {readerLabel}, and {writer.Describe()} does not promote to {reader.Describe()}");
            }
        }

        private static string Where(string path) => path.Length == 0 ? "the root" : $"field '{path}'";

        private void Add(string path, ResolutionRule rule, string detail)
        {
            // A writer union can reach the same place through several branches: report each problem once.
            var issue = new ResolutionIssue(path, rule, detail);
            if (!Issues.Contains(issue))
            {
                Issues.Add(issue);
            }
        }
    }
}
