using System.Buffers.Binary;
using System.Text;

namespace Streaming.Training.Native;

/// <summary>
/// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>) of a 64-bit
/// little-endian ELF shared library, the table the dynamic loader checks before it maps a library.
/// </summary>
/// <remarks>
/// A requirement flagged <c>VER_FLG_WEAK</c> that the system cannot satisfy is not fatal: glibc's
/// loader skips it (<c>match_symbol</c> in <c>dl-version.c</c>), and only a symbol bound to that
/// version would fail, at its first call. Field offsets are those of <c>Elf64_Ehdr</c>,
/// <c>Elf64_Shdr</c>, <c>Elf64_Verneed</c> and <c>Elf64_Vernaux</c> in <c>elf.h</c>.
/// </remarks>
public static class ElfVersionRequirements
{
    private const uint SectionTypeVersionNeeds = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort WeakFlag = 0x2;                       // VER_FLG_WEAK

    /// <summary>Every (library, version) requirement of <paramref name="image"/>, in table order.</summary>
    /// <param name="image">The whole file.</param>
    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or its table is malformed.</exception>
    public static IReadOnlyList<VersionRequirement> Read(ReadOnlySpan<byte> image)
    {
        var requirements = new List<VersionRequirement>();
        foreach (var entry in Entries(image))
        {
            requirements.Add(new VersionRequirement(entry.File, entry.Version, (entry.Flags & WeakFlag) != 0));
        }

        return requirements;
    }

    /// <summary>Flags every requirement of <paramref name="version"/> weak, in place.</summary>
    /// <param name="image">The whole file, edited in place.</param>
    /// <param name="version">The version name, for example <c>GLIBCXX_3.4.32</c>.</param>
    /// <returns>How many requirements were changed (0 when absent or already weak).</returns>
    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or its table is malformed.</exception>
    public static int MarkWeak(Span<byte> image, string version)
    {
        var changed = 0;
        foreach (var entry in Entries(image))
        {
            if (entry.Version == version && (entry.Flags & WeakFlag) == 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(entry.FlagsOffset, 2), (ushort)(entry.Flags | WeakFlag));
                changed++;
            }
        }

        return changed;
    }

    private static List<Entry> Entries(ReadOnlySpan<byte> image)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file.");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
        }

        var sectionTable = checked((int)U64(image, 0x28));
        var sectionSize = U16(image, 0x3A);
        var sectionCount = U16(image, 0x3C);
        var entries = new List<Entry>();
        for (var s = 0; s < sectionCount; s++)
        {
            var header = checked(sectionTable + (s * sectionSize));
            if (U32(image, header + 4) != SectionTypeVersionNeeds)
            {
                continue;
            }

            var tableOffset = checked((int)U64(image, header + 24));
            var needCount = U32(image, header + 44);
            var strings = checked(sectionTable + ((int)U32(image, header + 40) * sectionSize));
            var stringsOffset = checked((int)U64(image, strings + 24));

            var need = tableOffset;
            for (var n = 0; n < needCount; n++)
            {
                var file = CString(image, stringsOffset + (int)U32(image, need + 4));
                var aux = need + (int)U32(image, need + 8);
                var auxCount = U16(image, need + 2);
                for (var a = 0; a < auxCount; a++)
                {
                    entries.Add(new Entry(file, CString(image, stringsOffset + (int)U32(image, aux + 8)), U16(image, aux + 4), aux + 4));
                    aux += (int)U32(image, aux + 12);
                }

                need += (int)U32(image, need + 12);
            }
        }

        return entries;
    }

    private static ushort U16(ReadOnlySpan<byte> image, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(Bounded(image, offset, 2));

    private static uint U32(ReadOnlySpan<byte> image, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(Bounded(image, offset, 4));

    private static ulong U64(ReadOnlySpan<byte> image, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(Bounded(image, offset, 8));

    private static ReadOnlySpan<byte> Bounded(ReadOnlySpan<byte> image, int offset, int length) =>
        offset < 0 || offset > image.Length - length
            ? throw new InvalidDataException($"ELF offset {offset} is outside the file ({image.Length} bytes).")
            : image.Slice(offset, length);

    private static string CString(ReadOnlySpan<byte> image, int offset)
    {
        var tail = Bounded(image, offset, 1).Length == 1 ? image[offset..] : default;
        var end = tail.IndexOf((byte)0);
        return end < 0 ? throw new InvalidDataException("Unterminated ELF string.") : Encoding.ASCII.GetString(tail[..end]);
    }

    private readonly record struct Entry(string File, string Version, ushort Flags, int FlagsOffset);
}
