namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// Checks a subject's schema history against its <see cref="CompatibilityMode"/>, the way a schema
/// registry would have checked each version when it was registered. Pure: schema texts in,
/// violations out.
/// </summary>
public static class CompatibilityChecker
{
    /// <summary>Every violation in the history; empty when each version kept the mode.</summary>
    /// <param name="subject">The subject, for messages.</param>
    /// <param name="mode">The subject's mode.</param>
    /// <param name="versions">The versions, any order; numbers must be distinct.</param>
    /// <exception cref="InvalidDataException">A version is not a valid Avro schema (the message names it).</exception>
    /// <exception cref="ArgumentException">Two versions have the same number.</exception>
    public static IReadOnlyList<CompatibilityViolation> CheckHistory(string subject, CompatibilityMode mode, IReadOnlyList<SchemaVersionText> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Select(v => v.Version).Distinct().Count() != versions.Count)
        {
            throw new ArgumentException($"{subject}: two schema texts have the same version number.", nameof(versions));
        }
        var parsed = versions.ToDictionary(v => v.Version, v => Parse(subject, v));
        return Check(subject, mode, parsed);
    }

    /// <summary>The violations a <paramref name="candidate"/> version would bring to an existing history (a registry's check before registering).</summary>
    /// <exception cref="InvalidDataException">A version is not a valid Avro schema.</exception>
    /// <exception cref="ArgumentException">The candidate's number is not above every existing one, or two numbers repeat.</exception>
    public static IReadOnlyList<CompatibilityViolation> CheckCandidate(string subject, CompatibilityMode mode, IReadOnlyList<SchemaVersionText> existing, SchemaVersionText candidate)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(candidate);
        if (existing.Any(v => v.Version >= candidate.Version))
        {
            throw new ArgumentException($"{subject}: candidate v{candidate.Version} must be newer than every existing version.", nameof(candidate));
        }
        return CheckHistory(subject, mode, [.. existing, candidate]).Where(v => v.Version == candidate.Version).ToList();
    }

    internal static IReadOnlyList<CompatibilityViolation> Check(string subject, CompatibilityMode mode, IReadOnlyDictionary<int, AvroSchemaNode> versions)
    {
        var violations = new List<CompatibilityViolation>();
        var numbers = versions.Keys.Order().ToList();
        foreach (var (version, against, reader, writer) in mode.RequiredPairs(numbers))
        {
            foreach (var issue in SchemaResolver.Check(versions[reader], versions[writer], $"v{reader}", $"v{writer}"))
            {
                var message = $"{subject} v{version} breaks {mode.ConfluentName()} against v{against}: {issue.Detail} (rule: {issue.Rule.Explain()})";
                violations.Add(new CompatibilityViolation(subject, mode, version, against, reader, writer, issue.Path, issue.Rule, message));
            }
        }
        return violations;
    }

    private static AvroSchemaNode Parse(string subject, SchemaVersionText version)
    {
        try
        {
            return AvroSchemaParser.Parse(version.Json);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{subject} v{version.Version} is not a valid Avro schema: {e.Message}", e);
        }
    }
}
