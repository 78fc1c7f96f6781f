using Streaming.Kafka.Consumer;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class KafkaSourceSettingsTests
{
    private static readonly KafkaSourceSettings s_valid = KafkaSourceSettings.Create("127.0.0.1:9092", "g", "t");

    [Fact]
    public void Defaults_are_valid_and_keep_a_gap_between_pause_and_resume()
    {
        s_valid.Validate();
        Assert.True(s_valid.ResumeThreshold < s_valid.PauseThreshold);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 11)]
    [InlineData(0, 0)]
    [InlineData(10, -1)]
    public void Thresholds_without_a_gap_are_refused(int pause, int resume)
    {
        var settings = s_valid with { PauseThreshold = pause, ResumeThreshold = resume };

        Assert.Throws<ArgumentException>(settings.Validate);
    }

    [Fact]
    public void Settings_without_topics_are_refused()
    {
        Assert.Throws<ArgumentException>((s_valid with { Topics = [] }).Validate);
    }

    [Fact]
    public void The_consumer_never_commits_or_stores_offsets_on_its_own()
    {
        var settings = s_valid with
        {
            Properties = new Dictionary<string, string> { ["enable.auto.commit"] = "true", ["enable.auto.offset.store"] = "true" },
        };

        var config = settings.ToConsumerConfig();

        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
    }
}
