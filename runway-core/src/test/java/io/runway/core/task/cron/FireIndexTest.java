package io.runway.core.task.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireIndexTest {
    private final CronSchedules schedules = new CronSchedules();
    private final FireIndex<String> index = new FireIndex<>();

    private record Fire(String key, Instant at) {}

    private List<Fire> dispatch(String now) {
        List<Fire> out = new ArrayList<>();
        index.dispatch(Instant.parse(now), (k, slot, at) -> out.add(new Fire(k, at)));
        return out;
    }

    @Test
    void firesDueSchedulesEarliestFirstAndMovesThemOn() {
        Instant start = Instant.parse("2026-01-01T00:00:30Z");
        index.add("every-minute", schedules.compile("* * * * *", "a", ZoneOffset.UTC, "c"), start);
        index.add("every-five", schedules.compile("*/5 * * * *", "b", ZoneOffset.UTC, "c"), start);
        index.add("hourly", schedules.compile("0 * * * *", "c", ZoneOffset.UTC, "c"), start);
        assertThat(index.nextDue()).contains(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(dispatch("2026-01-01T00:00:59Z")).isEmpty();
        assertThat(dispatch("2026-01-01T00:01:00.005Z")).containsExactly(new Fire("every-minute", Instant.parse("2026-01-01T00:01:00Z")));
        // late by several minutes: each schedule fires once, for its earliest due instant, then moves past now
        assertThat(dispatch("2026-01-01T00:07:10Z")).containsExactly(
                new Fire("every-minute", Instant.parse("2026-01-01T00:02:00Z")),
                new Fire("every-five", Instant.parse("2026-01-01T00:05:00Z")));
        assertThat(index.nextDue()).contains(Instant.parse("2026-01-01T00:08:00Z"));
        assertThat(dispatch("2026-01-01T01:00:00Z")).extracting(Fire::key).containsExactlyInAnyOrder("every-minute", "every-five", "hourly");
    }

    @Test
    void removedAndRescheduledSlotsDoNotFireTwice() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        CronSchedule minute = schedules.compile("* * * * *", "a", ZoneOffset.UTC, "c");
        int a = index.add("a", minute, start);
        int b = index.add("b", minute, start);
        index.remove(a);
        index.reschedule(b, start); // same minute again: still one fire
        int c = index.add("c", minute, start); // reuses a's slot
        assertThat(c).isEqualTo(a);
        assertThat(dispatch("2026-01-01T00:01:00Z")).extracting(Fire::key).containsExactlyInAnyOrder("b", "c");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void manySchedulesDueAtOnceAllFireExactlyOnce() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            index.add("g" + i, schedules.compile("H/2 * * * *", "g" + i, ZoneOffset.UTC, "c"), start);
        }
        assertThat(schedules.size()).isEqualTo(2); // H/2 resolves to even or odd minutes: two shared schedules
        List<Fire> first = dispatch("2026-01-01T00:01:00Z");
        List<Fire> second = dispatch("2026-01-01T00:02:00Z");
        assertThat(first.size() + second.size()).isEqualTo(10_000);
        assertThat(first.stream().map(Fire::key).distinct().count()).isEqualTo(first.size());
        assertThat(dispatch("2026-01-01T00:03:00Z")).hasSameSizeAs(first);
    }
}
