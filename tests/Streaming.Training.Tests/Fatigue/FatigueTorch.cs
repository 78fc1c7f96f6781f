using Streaming.Training.Native;
using TorchSharp;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>Loads TorchSharp once and keeps it on one intra-op thread, so results do not depend on the machine's core count.</summary>
internal static class FatigueTorch
{
    private static readonly Lazy<bool> s_ready = new(() =>
    {
        TorchNativeLibrary.EnsureLoaded();
        torch.set_num_threads(1);
        return true;
    });

    public static void Ready() => _ = s_ready.Value;
}
