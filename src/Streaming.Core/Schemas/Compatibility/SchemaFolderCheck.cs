using System.Globalization;
using System.Text.Json;

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// The whole check behind <c>streaming schemas check</c>, over the files of a <c>schemas/</c>
/// folder (docs/schemas.md): every subject has a mode in <c>compatibility.json</c> and versions
/// 1..N without gaps, every version parses and is a record named after its subject, the history
/// keeps the subject's mode, and every version has a golden payload that decodes as the mode requires.
/// Pure: the caller lists the files and supplies their contents.
/// </summary>
public static class SchemaFolderCheck
{
    /// <summary>The settings file, relative to the schemas folder.</summary>
    public const string SettingsFile = "compatibility.json";

    /// <summary>Checks the folder.</summary>
    /// <param name="files">Every file under the folder, relative to it, '/'-separated (<c>events/Interaction/v1.avsc</c>).</param>
    /// <param name="readText">Reads a listed file as text.</param>
    /// <param name="readBytes">Reads a listed file as bytes.</param>
    public static SchemaCheckReport Run(IReadOnlyCollection<string> files, Func<string, string> readText, Func<string, byte[]> readBytes)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(readText);
        ArgumentNullException.ThrowIfNull(readBytes);
        var problems = new List<string>();
        var settings = ReadSettings(files, readText, problems);
        var schemaFiles = Versioned(files, "events/", ".avsc", problems);
        var samples = Versioned(files, "samples/", ".bin", problems);
        var subjects = schemaFiles.Keys.Union(settings.Keys).Order(StringComparer.Ordinal).ToList();
        var compatibility = new List<CompatibilityViolation>();
        var versionCount = 0;
        var goldenCount = 0;
        foreach (var subject in subjects)
        {
            var versions = schemaFiles.GetValueOrDefault(subject) ?? [];
            versionCount += versions.Count;
            if (!settings.TryGetValue(subject, out var subjectSettings))
            {
                problems.Add($"{subject} has schemas under events/{subject}/ but no entry in {SettingsFile}");
                continue;
            }
            if (versions.Count == 0)
            {
                problems.Add($"{subject} is in {SettingsFile} but has no schema events/{subject}/v1.avsc");
                continue;
            }
            var expected = Enumerable.Range(1, versions.Count).ToList();
            if (!versions.Keys.Order().SequenceEqual(expected))
            {
                problems.Add($"{subject} has versions {string.Join(", ", versions.Keys.Order().Select(v => "v" + v))}: versions must run 1..N without gaps");
                continue;
            }
            var parsed = ParseVersions(subject, versions, readText, problems);
            if (parsed is null)
            {
                continue;
            }
            var violations = CompatibilityChecker.Check(subject, subjectSettings.Mode, parsed.ToDictionary(p => p.Key, p => p.Value.Node));
            compatibility.AddRange(violations);
            problems.AddRange(violations.Select(v => v.Message));
            // A pair that breaks the mode is reported above already; decoding its payload would only repeat it.
            var broken = violations.Select(v => (v.ReaderVersion, v.WriterVersion)).ToHashSet();
            goldenCount += CheckGolden(subject, subjectSettings, parsed, broken, samples.GetValueOrDefault(subject) ?? [], files, readText, readBytes, problems);
        }
        foreach (var (subject, _) in samples.Where(s => !schemaFiles.ContainsKey(s.Key)))
        {
            problems.Add($"golden payloads under samples/{subject}/ belong to no subject with schemas");
        }
        return new SchemaCheckReport(subjects.Count, versionCount, goldenCount, problems, compatibility);
    }

    private static Dictionary<string, SubjectSettings> ReadSettings(IReadOnlyCollection<string> files, Func<string, string> readText, List<string> problems)
    {
        var settings = new Dictionary<string, SubjectSettings>(StringComparer.Ordinal);
        if (!files.Contains(SettingsFile))
        {
            problems.Add($"{SettingsFile} is missing: every subject needs a compatibility mode");
            return settings;
        }
        try
        {
            using var document = JsonDocument.Parse(readText(SettingsFile));
            if (!document.RootElement.TryGetProperty("subjects", out var subjects) || subjects.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{SettingsFile} has no \"subjects\" object");
                return settings;
            }
            foreach (var entry in subjects.EnumerateObject())
            {
                var mode = entry.Value.TryGetProperty("compatibility", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (mode is null || !CompatibilityModes.TryParse(mode, out var parsedMode))
                {
                    problems.Add($"{SettingsFile}: {entry.Name} has compatibility '{mode}', not one of {CompatibilityModes.KnownNames}");
                    continue;
                }
                if (!entry.Value.TryGetProperty("frame_type", out var f) || !f.TryGetByte(out var frameType) || frameType == 0)
                {
                    problems.Add($"{SettingsFile}: {entry.Name} needs a \"frame_type\" of 1..255 (byte 1 of its framed payloads)");
                    continue;
                }
                settings[entry.Name] = new SubjectSettings(entry.Name, parsedMode, frameType);
            }
            foreach (var duplicate in settings.Values.GroupBy(s => s.FrameType).Where(g => g.Count() > 1))
            {
                problems.Add($"{SettingsFile}: frame_type {duplicate.Key} is used by {string.Join(" and ", duplicate.Select(s => s.Subject))}");
            }
        }
        catch (JsonException e)
        {
            problems.Add($"{SettingsFile} is not JSON: {e.Message}");
        }
        return settings;
    }

    /// <summary>Files <c>&lt;prefix&gt;&lt;Subject&gt;/v&lt;N&gt;&lt;extension&gt;</c> by subject and version; other names under the prefix are problems.</summary>
    private static Dictionary<string, Dictionary<int, string>> Versioned(IReadOnlyCollection<string> files, string prefix, string extension, List<string> problems)
    {
        var found = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var parts = file[prefix.Length..].Split('/');
            if (prefix == "samples/" && parts.Length == 2 && parts[1].EndsWith(".json", StringComparison.Ordinal))
            {
                continue; // the values beside each .bin, checked with it
            }
            if (parts.Length != 2 || !parts[1].StartsWith('v') || !parts[1].EndsWith(extension, StringComparison.Ordinal)
                || !int.TryParse(parts[1].AsSpan(1, parts[1].Length - 1 - extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                || version is < 1 or > 255 || parts[1] != $"v{version}{extension}")
            {
                problems.Add($"{file} is not named {prefix}<Subject>/v<1..255>{extension}");
                continue;
            }
            if (!found.TryGetValue(parts[0], out var versions))
            {
                found[parts[0]] = versions = [];
            }
            versions[version] = file;
        }
        return found;
    }

    private static Dictionary<int, (string Json, AvroSchemaNode Node)>? ParseVersions(string subject, Dictionary<int, string> versions, Func<string, string> readText, List<string> problems)
    {
        var parsed = new Dictionary<int, (string, AvroSchemaNode)>();
        var ok = true;
        foreach (var (version, file) in versions.OrderBy(v => v.Key))
        {
            var json = readText(file);
            try
            {
                var node = AvroSchemaParser.Parse(json);
                if (node.Kind != AvroKind.Record || node.Name != subject)
                {
                    problems.Add($"{subject} v{version} ({file}) is {node.Describe()}, not a record named {subject}");
                    ok = false;
                    continue;
                }
                // Apache.Avro decodes the golden payloads: a schema it refuses is a problem too.
                _ = Avro.Schema.Parse(json);
                parsed[version] = (json, node);
            }
            catch (Exception e) when (e is InvalidDataException or Avro.AvroException)
            {
                problems.Add($"{subject} v{version} ({file}) is not a valid Avro schema: {e.Message}");
                ok = false;
            }
        }
        return ok ? parsed : null;
    }

    private static int CheckGolden(
        string subject,
        SubjectSettings settings,
        Dictionary<int, (string Json, AvroSchemaNode Node)> versions,
        HashSet<(int Reader, int Writer)> broken,
        Dictionary<int, string> samples,
        IReadOnlyCollection<string> files,
        Func<string, string> readText,
        Func<string, byte[]> readBytes,
        List<string> problems)
    {
        foreach (var extra in samples.Keys.Where(v => !versions.ContainsKey(v)).Order())
        {
            problems.Add($"golden payload {samples[extra]} has no schema events/{subject}/v{extra}.avsc");
        }
        var pairs = settings.Mode.RequiredPairs(versions.Keys.Order().ToList()).ToList();
        var checkedCount = 0;
        foreach (var version in versions.Keys.Order())
        {
            var bin = $"samples/{subject}/v{version}.bin";
            var json = $"samples/{subject}/v{version}.json";
            if (!samples.ContainsKey(version) || !files.Contains(json))
            {
                problems.Add($"{subject} v{version} has no golden payload {bin} with its values {json}");
                continue;
            }
            checkedCount++;
            // Its own schema, and every reader the mode makes responsible for data written with this version.
            var readers = pairs.Where(p => p.Writer == version && !broken.Contains((p.Reader, p.Writer))).Select(p => p.Reader).Append(version).Distinct()
                .ToDictionary(r => r, r => versions[r]);
            try
            {
                using var values = JsonDocument.Parse(readText(json));
                problems.AddRange(GoldenPayloadCheck.Check(bin, settings, version, readers, readBytes(bin), values.RootElement));
            }
            catch (JsonException e)
            {
                problems.Add($"{json} is not JSON: {e.Message}");
            }
        }
        return checkedCount;
    }
}
