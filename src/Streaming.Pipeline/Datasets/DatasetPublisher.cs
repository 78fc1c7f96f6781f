using Akka.Streams;
using Akka.Streams.Dsl;
using Streaming.Core.Datasets;
using Streaming.Core.Events;
using Streaming.Core.Schemas;
using Streaming.Kafka.Producer;

namespace Streaming.Pipeline.Datasets;

/// <summary>
/// Produces a dataset to the input topic, in the dataset's order, each event framed and keyed by
/// its user. Every command that loads data (produce, demo, replay, bench) goes through here, so a
/// dataset lands at the same offsets whichever command loaded it.
/// </summary>
public static class DatasetPublisher
{
    /// <summary>Produces <paramref name="events"/> to <paramref name="topic"/> and waits for every acknowledgement.</summary>
    public static async Task<PublishedCounts> PublishAsync(
        IEnumerable<DatasetEvent> events,
        string topic,
        KafkaProducerSettings settings,
        IMaterializer materializer,
        IProgress<long>? progress = null)
    {
        var codec = new EventCodec();
        long interactions = 0, requests = 0;
        await Source.From(events)
            .Select(e =>
            {
                if (e.IsInteraction)
                {
                    interactions++;
                }
                else
                {
                    requests++;
                }
                var produced = interactions + requests;
                if (progress is not null && produced % 50_000 == 0)
                {
                    progress.Report(produced);
                }
                return ToRecord(e, topic, codec);
            })
            .RunWith(KafkaProducerSink.Create(settings), materializer)
            .ConfigureAwait(false);
        return new PublishedCounts(interactions, requests);
    }

    /// <summary>The record that carries <paramref name="e"/>: framed by <paramref name="codec"/>, keyed by its user.</summary>
    public static ProducerRecord ToRecord(DatasetEvent e, string topic, EventCodec codec) =>
        new(topic, UserKey.Encode(e.UserId), e.Interaction is { } interaction ? codec.Encode(interaction) : codec.Encode(e.Request!));

    /// <summary>Produces raw records (already framed, or deliberately malformed) to the topics they name.</summary>
    public static Task PublishRawAsync(IEnumerable<ProducerRecord> records, KafkaProducerSettings settings, IMaterializer materializer) =>
        Source.From(records).RunWith(KafkaProducerSink.Create(settings), materializer);
}
