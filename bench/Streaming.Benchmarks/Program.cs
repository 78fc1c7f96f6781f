using BenchmarkDotNet.Running;

namespace Streaming.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Streaming.Benchmarks -- --filter '*LifeCycle*' --job short</c>
/// (BenchmarkSwitcher takes the usual BenchmarkDotNet arguments).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
