namespace Streaming.Host;

/// <summary>A command line the program cannot act on; printed with the usage text, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
