package io.runway.bench.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.task.cron.CronSchedule;
import io.runway.core.task.cron.CronSchedules;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/** Both sides of the comparison get the same schedules: runway and Quartz agree on every next fire. */
class CronWorkloadTest {
    private final CronSchedules schedules = new CronSchedules();

    @Test
    void hashedMixMeansTheSameToBoth() throws Exception {
        List<CronWorkload.Schedule> mix = CronWorkload.hashedMix(600, s -> CronWorkload.toQuartz(
                schedules.compile(s.jenkins(), s.name(), ZoneOffset.UTC, "c").canonical().split("\n")[1]));
        agree(mix, Instant.parse("2026-02-27T13:17:00Z"), 3);
    }

    @Test
    void burstSchedulesAreAllDueAtTheirInstant() throws Exception {
        ZonedDateTime due = ZonedDateTime.parse("2026-11-22T06:37:00Z");
        List<CronWorkload.Schedule> burst = CronWorkload.dueAt(3000, due);
        for (CronWorkload.Schedule s : burst) {
            CronSchedule r = schedules.compile(s.jenkins(), s.name(), ZoneOffset.UTC, "c");
            assertThat(r.next(due.toInstant().minusSeconds(30))).as(s.jenkins()).contains(due.toInstant());
        }
        agree(burst, due.toInstant().minusSeconds(30), 3);
        assertThat(schedules.size()).isGreaterThan(100); // varied, not one shared expression
    }

    private void agree(List<CronWorkload.Schedule> workload, Instant from, int fires) throws Exception {
        for (CronWorkload.Schedule s : workload) {
            CronSchedule r = schedules.compile(s.jenkins(), s.name(), ZoneOffset.UTC, "c");
            CronExpression q = new CronExpression(s.quartz());
            q.setTimeZone(TimeZone.getTimeZone("UTC"));
            Instant a = from;
            Date b = Date.from(from);
            for (int i = 0; i < fires; i++) {
                a = r.next(a).orElseThrow();
                b = q.getNextValidTimeAfter(b);
                assertThat(b.toInstant()).as(s.jenkins() + " / " + s.quartz()).isEqualTo(a);
            }
        }
    }
}
