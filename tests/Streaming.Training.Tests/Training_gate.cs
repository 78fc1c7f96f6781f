using Streaming.Training.Job;
using Xunit;

namespace Streaming.Training.Tests;

public sealed class Training_gate
{
    private static Dictionary<string, double> Auc(double value) => new() { ["auc"] = value };

    [Fact]
    public void A_candidate_equal_to_the_serving_version_publishes_under_not_worse()
    {
        var decision = new TrainingGate().Decide("fatigue", Auc(0.7), Auc(0.7));

        Assert.True(decision.Publish);
        Assert.Equal(("auc", 0.7, 0.7), (decision.Metric, decision.Candidate!.Value, decision.Serving!.Value));
    }

    [Fact]
    public void A_worse_candidate_is_refused_unless_the_regression_is_allowed()
    {
        Assert.False(new TrainingGate().Decide("fatigue", Auc(0.69), Auc(0.70)).Publish);
        Assert.True(new TrainingGate { MaxRegression = 0.02 }.Decide("fatigue", Auc(0.69), Auc(0.70)).Publish);
        Assert.False(new TrainingGate { MaxRegression = 0.005 }.Decide("fatigue", Auc(0.69), Auc(0.70)).Publish);
    }

    [Fact]
    public void The_uplift_stage_is_judged_by_qini()
    {
        var gate = new TrainingGate();
        var decision = gate.Decide("uplift", new Dictionary<string, double> { ["qini"] = 0.01, ["auc"] = 0.1 }, new Dictionary<string, double> { ["qini"] = 0.02, ["auc"] = 0.9 });

        Assert.Equal("qini", decision.Metric);
        Assert.False(decision.Publish);
    }

    [Fact]
    public void Without_a_serving_version_the_candidate_publishes_and_without_its_metric_it_does_not()
    {
        Assert.True(new TrainingGate().Decide("fatigue", Auc(0.5), serving: null).Publish);
        var undefined = new TrainingGate().Decide("fatigue", new Dictionary<string, double>(), Auc(0.5));
        Assert.False(undefined.Publish);
        Assert.Contains("undefined", undefined.Reason, StringComparison.Ordinal);
    }
}
