package io.runway.jenkins.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.judge.Judgement;
import io.runway.core.judge.Measurement;
import io.runway.core.judge.Verdict;
import io.runway.core.judge.VersionSample;
import io.runway.core.time.MutableClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sequential gate's verdict at its timeout; time is the measurements' elapsed, nothing waits. */
class GateRunTest {
    private static final GateOptions SEQUENTIAL = new GateOptions(URI.create("http://127.0.0.1:1/health"),
            URI.create("http://127.0.0.1:2/health"), "sequential", 100, Duration.ofSeconds(10), Duration.ofMinutes(5),
            1, null, 50, 3);
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    private Judgement judge(GateRun<?> run, Duration elapsed, long requests, long canaryErrors) {
        return run.judge(Measurement.of(elapsed, VersionSample.of(requests, canaryErrors), VersionSample.of(requests, 0)));
    }

    @Test
    void enoughDataAndNoHarmPassesAtTheTimeoutNotBefore() {
        GateRun<?> run = GateRun.unscheduled(SEQUENTIAL, clock, clock.instant(), j -> { });
        assertThat(judge(run, Duration.ofMinutes(2), 200, 0).verdict()).isEqualTo(Verdict.CONTINUE);
        Judgement end = judge(run, Duration.ofMinutes(5), 1_000, 0); // below the judge's own 2,000-request maximum
        assertThat(end.verdict()).isEqualTo(Verdict.PROMOTE);
        assertThat(end.reason()).startsWith("no harm seen in PT5M: ");
    }

    @Test
    void tooLittleDataAtTheTimeoutIsInconclusive() {
        GateRun<?> run = GateRun.unscheduled(SEQUENTIAL, clock, clock.instant(), j -> { });
        assertThat(judge(run, Duration.ofMinutes(1), 10, 0).verdict()).isEqualTo(Verdict.WAIT);
        assertThat(judge(run, Duration.ofMinutes(5), 20, 0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void resumedPastItsTimeoutAGateWatchesOneMoreRoundBeforePassing() {
        GateRun<?> run = GateRun.unscheduled(SEQUENTIAL, clock, clock.instant().minus(Duration.ofMinutes(6)), j -> { });
        assertThat(judge(run, Duration.ofMinutes(6), 100, 0).verdict()).as("one round is a snapshot").isEqualTo(Verdict.CONTINUE);
        assertThat(judge(run, Duration.ofMinutes(6).plusSeconds(10), 200, 0).verdict()).isEqualTo(Verdict.PROMOTE);
    }
}
