using TorchSharp;

namespace Streaming.Training.Native;

/// <summary>
/// The one place that makes TorchSharp's native library load on Debian 12: call
/// <see cref="EnsureLoaded"/> before the first TorchSharp call of a process (every entry point of
/// this project does).
/// </summary>
/// <remarks>
/// <para>
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> was linked against GCC 13's libstdc++ and requires
/// <c>GLIBCXX_3.4.32</c> for a single symbol, <c>std::ios_base_library_init()</c>: GCC 13 references it
/// from every translation unit that includes <c>&lt;iostream&gt;</c> only to pull in that library
/// version, and never calls it. Debian 12's libstdc++ stops at <c>GLIBCXX_3.4.30</c>, so the loader
/// refuses the whole library. Marking that one requirement weak in the copy in the application's
/// output (the package cache is left alone) lets the loader map it; nothing ever binds the symbol.
/// </para>
/// <para>
/// The edit is one flag of the <c>.gnu.version_r</c> table, idempotent, and harmless where the
/// system does provide the version. It is written to a temporary file and renamed over the
/// original, so a concurrent process sees either file whole. Tested in
/// <c>tests/Streaming.Training.Tests/Native_library_loading.cs</c>.
/// </para>
/// </remarks>
public static class TorchNativeLibrary
{
    /// <summary>The requirement that Debian 12 cannot satisfy.</summary>
    public const string UnsatisfiedVersion = "GLIBCXX_3.4.32";

    /// <summary>TorchSharp's own native library, the one that carries the requirement.</summary>
    public const string LibraryFileName = "libLibTorchSharp.so";

    private static readonly Lock s_gate = new();
    private static bool s_loaded;

    /// <summary>
    /// Patches TorchSharp's native library where needed and initialises TorchSharp's CPU backend.
    /// Safe to call any number of times, from any thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">The library is missing, not writable, or still fails to load (the message says which and why).</exception>
    public static void EnsureLoaded()
    {
        lock (s_gate)
        {
            if (s_loaded)
            {
                return;
            }

            if (OperatingSystem.IsLinux())
            {
                foreach (var path in CandidatePaths(AppContext.BaseDirectory))
                {
                    MarkWeakInPlace(path);
                }
            }

            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is NotSupportedException or TypeInitializationException or DllNotFoundException)
            {
                throw new InvalidOperationException(
                    $"TorchSharp's native backend did not load from {AppContext.BaseDirectory}. Build with the " +
                    "libtorch-cpu-linux-x64 package referenced (src/Streaming.Training does). Cause: " + e.Message, e);
            }

            s_loaded = true;
        }
    }

    /// <summary>
    /// Marks <see cref="UnsatisfiedVersion"/> weak in the library at <paramref name="path"/> when it
    /// is required there and not yet weak.
    /// </summary>
    /// <returns>Whether the file was rewritten.</returns>
    /// <exception cref="InvalidOperationException">The file could not be rewritten.</exception>
    public static bool MarkWeakInPlace(string path)
    {
        var image = File.ReadAllBytes(path);
        if (ElfVersionRequirements.MarkWeak(image, UnsatisfiedVersion) == 0)
        {
            return false;
        }

        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new InvalidOperationException(
                $"{path} needs {UnsatisfiedVersion} marked weak to load on this system, and it could not be rewritten: {e.Message}", e);
        }

        return true;
    }

    // Where .NET's probing finds the library: runtimes/<rid>/native/ in a build's output, the
    // application folder itself in a runtime-specific publish.
    private static IEnumerable<string> CandidatePaths(string baseDirectory) =>
        new[]
        {
            Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", LibraryFileName),
            Path.Combine(baseDirectory, LibraryFileName),
        }.Where(File.Exists);
}
