package io.runway.core.task.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.task.MissedRunPolicy;
import io.runway.core.task.cron.CronSchedule;
import io.runway.core.task.cron.CronSchedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FireDeciderTest {
    private final CronSchedule hourly = new CronSchedules().compile("0 * * * *", "g", ZoneOffset.UTC, "c");
    private final FireDecider decider = new FireDecider();
    private static final Duration GRACE = Duration.ofMinutes(1);

    private FireDecider.Plan decide(String lastFired, String now, MissedRunPolicy policy, int limit) {
        return decider.decide(hourly, Instant.parse(lastFired), Instant.parse(now), policy, limit, GRACE);
    }

    @Test
    void onTimeInstantRunsUnderEveryPolicy() {
        for (MissedRunPolicy p : MissedRunPolicy.values()) {
            FireDecider.Plan plan = decide("2026-01-01T09:00:00Z", "2026-01-01T10:00:00.200Z", p, 10);
            assertThat(plan.run()).containsExactly(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(plan.lastFired()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(plan.missedDropped()).isZero();
        }
    }

    @Test
    void nothingDueNothingRuns() {
        FireDecider.Plan plan = decide("2026-01-01T10:00:00Z", "2026-01-01T10:59:59Z", MissedRunPolicy.CATCH_UP, 10);
        assertThat(plan.run()).isEmpty();
        assertThat(plan.lastFired()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void skipDropsEveryMissedInstant() {
        FireDecider.Plan plan = decide("2026-01-01T05:00:00Z", "2026-01-01T10:30:00Z", MissedRunPolicy.SKIP, 10);
        assertThat(plan.run()).isEmpty();
        assertThat(plan.missedDropped()).isEqualTo(5);
        assertThat(plan.lastFired()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void skipStillRunsTheOnTimeInstantAfterDowntime() {
        FireDecider.Plan plan = decide("2026-01-01T05:00:00Z", "2026-01-01T10:00:20Z", MissedRunPolicy.SKIP, 10);
        assertThat(plan.run()).containsExactly(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(plan.missedDropped()).isEqualTo(4);
    }

    @Test
    void runOnceRunsTheLatestMissedInstant() {
        FireDecider.Plan plan = decide("2026-01-01T05:00:00Z", "2026-01-01T10:30:00Z", MissedRunPolicy.RUN_ONCE, 10);
        assertThat(plan.run()).containsExactly(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(plan.missedDropped()).isEqualTo(4);
    }

    @Test
    void catchUpRunsEachMissedInstantUpToTheBoundLatestFirstKept() {
        FireDecider.Plan all = decide("2026-01-01T05:00:00Z", "2026-01-01T10:30:00Z", MissedRunPolicy.CATCH_UP, 10);
        assertThat(all.run()).extracting(Instant::toString).containsExactly("2026-01-01T06:00:00Z", "2026-01-01T07:00:00Z",
                "2026-01-01T08:00:00Z", "2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        FireDecider.Plan bounded = decide("2026-01-01T05:00:00Z", "2026-01-01T10:30:00Z", MissedRunPolicy.CATCH_UP, 2);
        assertThat(bounded.run()).extracting(Instant::toString).containsExactly("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        assertThat(bounded.missedDropped()).isEqualTo(3);
    }

    @Test
    void yearsOfDowntimeAreBoundedWork() {
        FireDecider.Plan plan = decide("2020-01-01T00:00:00Z", "2026-01-01T00:30:00Z", MissedRunPolicy.CATCH_UP, 3);
        assertThat(plan.run()).hasSize(3);
        assertThat(plan.missedDropped()).isGreaterThanOrEqualTo(998);
        assertThat(plan.lastFired()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
