using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Streaming.Kafka.Embedded;

/// <summary>
/// librdkafka's mock cluster started in-process on 127.0.0.1: it speaks the Kafka protocol on
/// random ports, so any Kafka client (Confluent.Kafka, kcat, Java) can connect to
/// <see cref="BootstrapServers"/>. Every message stays in memory for the broker's life.
/// </summary>
/// <remarks>
/// Known gaps of the mock: no CreateTopics (use <see cref="CreateTopic"/>), OffsetsForTimes always
/// answers -1, no DescribeConfigs or DescribeConsumerGroups, read_committed still delivers aborted
/// records, and ListConsumerGroups crashes the process: never call it against this broker.
/// Thread-safe: the mock calls hand their work to the cluster's own thread.
/// </remarks>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    /// <summary>
    /// Default initial rebalance delay. The mock's own default (3 s, like Kafka's
    /// group.initial.rebalance.delay.ms) makes every new group wait; in-process there are no
    /// stragglers worth waiting for.
    /// </summary>
    public static readonly TimeSpan DefaultInitialRebalanceDelay = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private EmbeddedKafkaBroker(IntPtr handle, IntPtr cluster, int brokerCount, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the mock brokers (ports are random).</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers.</summary>
    /// <param name="brokerCount">Brokers in the cluster (ids 1..n), at least 1.</param>
    /// <returns>The running broker; dispose it to stop the cluster.</returns>
    public static EmbeddedKafkaBroker Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var errors = new byte[512];
        var conf = LibRdKafka.ConfNew();
        // The owning handle never connects anywhere; keep its "no bootstrap.servers" warning quiet.
        if (LibRdKafka.ConfSet(conf, "log_level", "3", errors, (nuint)errors.Length) != LibRdKafka.ConfOk)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException("rd_kafka_conf_set failed: " + Describe(errors));
        }

        // rd_kafka_new takes ownership of conf when it succeeds.
        var handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, errors, (nuint)errors.Length);
        if (handle == IntPtr.Zero)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException("rd_kafka_new failed: " + Describe(errors));
        }

        var cluster = LibRdKafka.MockClusterNew(handle, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.Destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        var bootstraps = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("rd_kafka_mock_cluster_bootstraps returned null.");
        var broker = new EmbeddedKafkaBroker(handle, cluster, brokerCount, bootstraps);
        broker.SetGroupInitialRebalanceDelay(DefaultInitialRebalanceDelay);
        return broker;
    }

    /// <summary>Creates a topic (the mock has no CreateTopics request).</summary>
    /// <param name="name">Topic name.</param>
    /// <param name="partitions">Partition count, at least 1.</param>
    /// <param name="replicationFactor">Replicas per partition, at most <see cref="BrokerCount"/>.</param>
    /// <exception cref="KafkaException">The mock refused (for example the topic exists).</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        ThrowIfFailed(LibRdKafka.MockTopicCreate(Cluster(), name, partitions, replicationFactor), $"create topic '{name}'");
    }

    /// <summary>
    /// Writes <see cref="BootstrapServers"/> to <paramref name="path"/> (one line), atomically,
    /// so other processes started alongside (kcat, a second node) can find the random ports.
    /// </summary>
    /// <param name="path">File to (over)write; its folder is created when missing.</param>
    public void WriteBootstrapFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, BootstrapServers + "\n");
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>
    /// Sets how long a new consumer group waits for more members before its first rebalance.
    /// <see cref="Start"/> lowers it to <see cref="DefaultInitialRebalanceDelay"/>.
    /// </summary>
    /// <param name="delay">The delay; zero or more.</param>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        LibRdKafka.MockGroupInitialRebalanceDelayMs(Cluster(), checked((int)delay.TotalMilliseconds));
    }

    /// <summary>Takes broker <paramref name="brokerId"/> down: its connections close and it refuses new ones.</summary>
    /// <param name="brokerId">Broker id, 1..<see cref="BrokerCount"/>.</param>
    public void SetBrokerDown(int brokerId) =>
        ThrowIfFailed(LibRdKafka.MockBrokerSetDown(Cluster(), brokerId), $"set broker {brokerId} down");

    /// <summary>Brings broker <paramref name="brokerId"/> back up.</summary>
    /// <param name="brokerId">Broker id, 1..<see cref="BrokerCount"/>.</param>
    public void SetBrokerUp(int brokerId) =>
        ThrowIfFailed(LibRdKafka.MockBrokerSetUp(Cluster(), brokerId), $"set broker {brokerId} up");

    /// <summary>Adds <paramref name="rtt"/> of latency to every response of broker <paramref name="brokerId"/>.</summary>
    /// <param name="brokerId">Broker id, 1..<see cref="BrokerCount"/>.</param>
    /// <param name="rtt">Added round-trip time; zero removes it.</param>
    public void SetBrokerRoundTrip(int brokerId, TimeSpan rtt) =>
        ThrowIfFailed(
            LibRdKafka.MockBrokerSetRtt(Cluster(), brokerId, checked((int)rtt.TotalMilliseconds)),
            $"set broker {brokerId} round trip");

    /// <summary>
    /// Makes the next requests of type <paramref name="apiKey"/> (on any broker) fail, one error
    /// per request, in order. <see cref="ErrorCode.NoError"/> lets one request through.
    /// </summary>
    /// <param name="apiKey">Request type to fail.</param>
    /// <param name="errors">Errors to answer with, consumed first to last.</param>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = new int[errors.Length];
        for (var i = 0; i < errors.Length; i++)
        {
            codes[i] = (int)errors[i];
        }

        LibRdKafka.MockPushRequestErrorsArray(Cluster(), (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Forgets the errors still queued for <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">Request type.</param>
    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        LibRdKafka.MockClearRequestErrors(Cluster(), (short)apiKey);

    /// <summary>Stops the cluster: the cluster first, then the handle that owns it.</summary>
    public void Dispose()
    {
        IntPtr cluster, handle;
        lock (_gate)
        {
            cluster = _cluster;
            handle = _handle;
            _cluster = IntPtr.Zero;
            _handle = IntPtr.Zero;
        }

        if (cluster != IntPtr.Zero)
        {
            LibRdKafka.MockClusterDestroy(cluster);
        }

        if (handle != IntPtr.Zero)
        {
            LibRdKafka.Destroy(handle);
        }
    }

    private IntPtr Cluster()
    {
        var cluster = Volatile.Read(ref _cluster);
        ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
        return cluster;
    }

    private static void ThrowIfFailed(int error, string what)
    {
        if (error != 0)
        {
            throw new KafkaException(new Error((ErrorCode)error, $"Embedded broker could not {what}: {LibRdKafka.DescribeError(error)}"));
        }
    }

    private static string Describe(byte[] errors)
    {
        var length = Array.IndexOf(errors, (byte)0);
        return Encoding.UTF8.GetString(errors, 0, length < 0 ? errors.Length : length);
    }
}
