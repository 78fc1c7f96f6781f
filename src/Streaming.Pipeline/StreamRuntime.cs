using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;

namespace Streaming.Pipeline;

/// <summary>
/// An actor system and its materializer, configured once for the project (quiet logging, no
/// dead-letter noise at shutdown). Everything that runs an Akka stream gets one of these.
/// </summary>
public sealed class StreamRuntime : IAsyncDisposable
{
    private static readonly Config s_config = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    /// <summary>Starts an actor system named <paramref name="name"/>.</summary>
    public StreamRuntime(string name = "streaming")
    {
        System = ActorSystem.Create(name, s_config);
        Materializer = System.Materializer();
    }

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The materializer streams run on.</summary>
    public IMaterializer Materializer { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await System.Terminate().ConfigureAwait(false);
}
