using Xunit;

namespace Streaming.Chaos.Tests;

/// <summary>
/// A fact that needs to mount a small tmpfs (root with CAP_SYS_ADMIN, as on the development
/// machine): skipped, saying why, where mounting is not allowed.
/// </summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> s_canMount = new(() =>
    {
        try
        {
            using var probe = Tmpfs.Mount(1);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !s_canMount.Value)
        {
            Skip = "needs to mount a tmpfs (Linux, root with CAP_SYS_ADMIN)";
        }
    }
}
