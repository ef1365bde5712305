package io.runway.bench.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Smoke tests: reproducible, times inside the right tick, every cell present; no timing thresholds. */
class MitigationSimulationTest {
    @Test
    void runsEveryJudgeOnEveryCellReproducibly() {
        List<MitigationSimulation.Cell> first = MitigationSimulation.run(5);
        List<MitigationSimulation.Cell> second = MitigationSimulation.run(5);

        assertThat(first).hasSize(2 * 4 * MitigationSimulation.contenders().size());
        assertThat(MitigationSimulation.table(first)).isEqualTo(MitigationSimulation.table(second))
                .contains("| 0% | 100% | sequential (ours), demo gate: 1 s, min 20 |");
        // Rollback needs canary errors, so a time to mitigate is never negative.
        assertThat(first).allSatisfy(c -> assertThat(java.util.Arrays.stream(c.sorted()).min().orElse(0)).isGreaterThanOrEqualTo(0));
    }

    @Test
    void aCanaryThatOnlyFailsAgainstAnErrorFreeBaselineIsRolledBackByOursWithinTwoCanaryRequests() {
        // 100% errors: the second canary request is the second error, which rejects at α = 1% (1% share).
        var cell = MitigationSimulation.run(20).stream()
                .filter(c -> c.canaryErrorRate() == 1.0 && c.baselineErrorRate() == 0 && c.judge().contains("demo gate"))
                .findFirst().orElseThrow();

        assertThat(cell.rolledBack()).isEqualTo(1.0);
    }

    @Test
    void theFirstErrorFallsInTheFirstTickWithACanaryError() {
        long[][] ticks = {{2, 0, 198, 0}, {3, 0, 197, 1}, {2, 2, 198, 0}, {1, 1, 199, 0}};
        var random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertThat(MitigationSimulation.firstErrorSeconds(ticks, random)).isGreaterThanOrEqualTo(2).isLessThan(3);
        }
        assertThat(MitigationSimulation.firstErrorSeconds(new long[][] {{2, 0, 198, 0}}, random)).isNaN();
    }
}
