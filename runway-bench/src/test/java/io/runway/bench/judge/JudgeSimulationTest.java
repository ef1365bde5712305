package io.runway.bench.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test: a few rollouts per cell run end to end and are reproducible; no timing or rate thresholds. */
class JudgeSimulationTest {
    @Test
    void runsEveryJudgeOnEveryScenarioReproducibly() {
        List<ScenarioResult> first = JudgeSimulation.run(5);
        List<ScenarioResult> second = JudgeSimulation.run(5);

        assertThat(first).hasSize(12);
        assertThat(first).allSatisfy(r -> assertThat(r.outcomes()).hasSize(5));
        assertThat(ScenarioResult.table(first)).isEqualTo(ScenarioResult.table(second)).contains("| 1% | faulty 2% | sequential");
    }

    @Test
    void binomialDrawsStayWithinTheirRange() {
        var random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            assertThat(TrafficModel.binomial(random, 2000, 0.01)).isBetween(0L, 2000L);
            assertThat(TrafficModel.binomial(random, 10, 0.9)).isBetween(0L, 10L);
        }
    }
}
