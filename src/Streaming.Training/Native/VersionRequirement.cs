namespace Streaming.Training.Native;

/// <summary>One symbol-version requirement of an ELF library: <paramref name="Version"/> of <paramref name="File"/>.</summary>
/// <param name="File">The library that must provide it, for example <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, for example <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Weak">Whether the loader tolerates its absence (<c>VER_FLG_WEAK</c>).</param>
public readonly record struct VersionRequirement(string File, string Version, bool Weak);
