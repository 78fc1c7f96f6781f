using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class OnlineStepInvariantsTests
{
    [Fact]
    public void Invariants_hold_after_every_step_of_random_sequences() =>
        DeterministicSamples.Check(Scenario.Generator, 60, scenario =>
        {
            var options = scenario.Options;
            var engine = new LifeCycleEngine(options);
            var state = new LifeCycleClusters();
            var applied = 0;
            foreach (var step in scenario.Steps)
            {
                engine.Apply(state, step.ItemId, scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
                applied += step.Duration > 0 ? 1 : 0;
                Assert.Equal(Math.Min(applied, options.LifeCycleMaxItems), state.LogLength);
                StateInvariants.Check(state, options);
            }
        });
}
