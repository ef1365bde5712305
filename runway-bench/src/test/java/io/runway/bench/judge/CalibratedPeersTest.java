package io.runway.bench.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Smoke test: the calibrated comparison runs end to end, reproducibly, and shows ours with each peer. */
class CalibratedPeersTest {
    @Test
    void runsReproduciblyWithOursAndBothPeersPerShare() {
        String first = CalibratedPeers.run(5);

        assertThat(first).isEqualTo(CalibratedPeers.run(5));
        assertThat(first).contains("| 1% | sequential (ours, 10 s) |", "| 5% | sequential (ours, 10 s) |")
                .contains("flagger-style (60 s; success rate", "kayenta-style (60 s; confidence");
    }

    @Test
    void settingsSpanEachPeersKnobs() {
        assertThat(CalibratedPeers.flaggerSettings()).hasSize(7 * 5 * 4);
        assertThat(CalibratedPeers.kayentaSettings()).hasSize(6 * 3);
    }
}
