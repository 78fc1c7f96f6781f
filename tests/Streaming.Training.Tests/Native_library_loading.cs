using Streaming.Training.Native;
using TorchSharp;
using Xunit;

namespace Streaming.Training.Tests;

public sealed class Native_library_loading
{
    private static string PackagedLibrary()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", TorchNativeLibrary.LibraryFileName);
    }

    [Fact]
    public void The_packaged_library_requires_the_version_Debian_12_lacks_strictly()
    {
        var requirements = ElfVersionRequirements.Read(File.ReadAllBytes(PackagedLibrary()));

        var glibcxx = Assert.Single(requirements, r => r.Version == TorchNativeLibrary.UnsatisfiedVersion);
        Assert.Equal("libstdc++.so.6", glibcxx.File);
        Assert.False(glibcxx.Weak);
    }

    [Fact]
    public void Marking_weak_changes_one_flag_and_nothing_else()
    {
        var original = File.ReadAllBytes(PackagedLibrary());
        var patched = (byte[])original.Clone();

        Assert.Equal(1, ElfVersionRequirements.MarkWeak(patched, TorchNativeLibrary.UnsatisfiedVersion));
        Assert.Equal(0, ElfVersionRequirements.MarkWeak(patched, TorchNativeLibrary.UnsatisfiedVersion));

        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        var offset = Assert.Single(differing);
        Assert.Equal(original[offset] | 0x2, patched[offset]);

        var before = ElfVersionRequirements.Read(original);
        var after = ElfVersionRequirements.Read(patched);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            var expectWeak = before[i].Weak || before[i].Version == TorchNativeLibrary.UnsatisfiedVersion;
            Assert.Equal(before[i] with { Weak = expectWeak }, after[i]);
        }
    }

    [Fact]
    public void Rewriting_a_copy_is_idempotent()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"torchsharp-{Guid.NewGuid():N}.so");
        File.Copy(PackagedLibrary(), copy);
        try
        {
            Assert.True(TorchNativeLibrary.MarkWeakInPlace(copy));
            Assert.False(TorchNativeLibrary.MarkWeakInPlace(copy));
            Assert.True(ElfVersionRequirements.Read(File.ReadAllBytes(copy)).Single(r => r.Version == TorchNativeLibrary.UnsatisfiedVersion).Weak);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void TorchSharp_loads_and_computes_after_EnsureLoaded()
    {
        TorchNativeLibrary.EnsureLoaded();

        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using var product = a.mm(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Non_ELF_input_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionRequirements.Read("not an elf file at all, just text"u8.ToArray()));
        Assert.Contains("ELF", error.Message, StringComparison.Ordinal);
    }
}
