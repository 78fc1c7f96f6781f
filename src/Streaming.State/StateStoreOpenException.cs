namespace Streaming.State;

/// <summary>A state store could not be opened; the message names the path and the cause.</summary>
public sealed class StateStoreOpenException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with a human-readable <paramref name="cause"/>.</summary>
    public StateStoreOpenException(string path, string cause, Exception? inner)
        : base($"Cannot open the RocksDB state store at '{path}': {cause}", inner)
    {
        Path = path;
        Cause = cause;
    }

    /// <summary>The store's folder.</summary>
    public string Path { get; }

    /// <summary>Why it could not be opened.</summary>
    public string Cause { get; }
}
