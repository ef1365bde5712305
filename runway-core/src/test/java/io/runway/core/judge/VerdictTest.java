package io.runway.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void onlyPromoteRollbackAndInconclusiveEndAGateAndOnlyPromoteAdvances() {
        assertThat(Verdict.values()).filteredOn(Verdict::isTerminal)
                .containsExactly(Verdict.PROMOTE, Verdict.ROLLBACK, Verdict.INCONCLUSIVE);
        assertThat(Verdict.values()).filteredOn(Verdict::isSuccessful).containsExactly(Verdict.PROMOTE);
    }

    @Test
    void aJudgementAlwaysHasAReasonAndKeepsItsNumbersInOrder() {
        assertThatThrownBy(() -> Judgement.of(Verdict.WAIT, " ")).isInstanceOf(IllegalArgumentException.class);
        var judgement = Judgement.of(Verdict.CONTINUE, "fine").withNumbers(Map.of("b", 2.0)).withNumbers(Map.of("a", 1.0));
        assertThat(judgement.numbers().keySet()).containsExactly("b", "a");
    }

    @Test
    void samplesRejectMoreErrorsThanRequestsAndDifferenceSafely() {
        assertThatThrownBy(() -> VersionSample.of(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(VersionSample.of(0, 0).errorRate()).isNaN();
        assertThat(VersionSample.of(100, 3).since(VersionSample.of(40, 1))).isEqualTo(VersionSample.of(60, 2));
        // A counter reset (metrics source restarted) starts over instead of going negative.
        assertThat(VersionSample.of(10, 0).since(VersionSample.of(40, 1))).isEqualTo(VersionSample.of(10, 0));
    }
}
