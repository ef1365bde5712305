package io.runway.core.task.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jenkins cron semantics, resolved by runway and evaluated by cron-utils. */
class CronScheduleTest {
    private final CronSchedules schedules = new CronSchedules();

    private CronSchedule utc(String text) {
        return schedules.compile(text, "nightly-etl", ZoneOffset.UTC, "schedule.cron");
    }

    private static List<String> fires(CronSchedule s, String fromIso, int n) {
        List<String> out = new ArrayList<>();
        Instant t = Instant.parse(fromIso);
        for (int i = 0; i < n; i++) {
            t = s.next(t).orElseThrow();
            out.add(t.atZone(s.zone()).toOffsetDateTime().toString());
        }
        return out;
    }

    @Test
    void hashIsStableAndPinned() {
        // Pinned values: changing CronHash would move every user's schedule.
        assertThat(CronHash.pick("nightly-etl", "minute", 60)).isEqualTo(CronHash.pick("nightly-etl", "minute", 60));
        int minute = CronHash.pick("nightly-etl", "minute", 60);
        int hour = CronHash.pick("nightly-etl", "hour", 24);
        assertThat(utc("H H * * *").canonical()).isEqualTo("TZ=Z\n" + minute + " " + hour + " * * *");
        assertThat(new CronSchedules().compile("H H * * *", "nightly-etl", ZoneOffset.UTC, "c").canonical())
                .isEqualTo(utc("H H * * *").canonical());
        assertThat(List.of(CronHash.pick("a", "minute", 60), CronHash.pick("b", "minute", 60), CronHash.pick("nightly-etl", "minute", 60)))
                .containsExactly(PINNED_A, PINNED_B, PINNED_NIGHTLY);
    }

    static final int PINNED_A = 57; // = first 8 bytes of sha256("a\0minute") mod 60, checked with Python hashlib
    static final int PINNED_B = 43;
    static final int PINNED_NIGHTLY = 20;

    @Test
    void hashSpreadsNamesOverTheRange() {
        boolean[] seen = new boolean[60];
        for (int i = 0; i < 2000; i++) {
            seen[CronHash.pick("graph-" + i, "minute", 60)] = true;
        }
        for (boolean b : seen) {
            assertThat(b).isTrue();
        }
    }

    @Test
    void hashForms() {
        int m = CronHash.pick("nightly-etl", "minute", 15);
        assertThat(utc("H/15 * * * *").canonical()).endsWith("\n" + m + "," + (m + 15) + "," + (m + 30) + "," + (m + 45) + " * * * *");
        int h = CronHash.pick("nightly-etl", "hour", 3);
        assertThat(utc("0 H(0-2) * * *").canonical()).endsWith("\n0 " + h + " * * *");
        int r = CronHash.pick("nightly-etl", "minute", 10);
        assertThat(utc("H(30-59)/10 * * * *").canonical()).endsWith("\n" + (30 + r) + "," + (40 + r) + "," + (50 + r) + " * * * *");
        for (int i = 0; i < 300; i++) { // H in day-of-month stays within 1-28, in day-of-week within 0-6
            String[] f = schedules.compile("0 0 H * H", "g" + i, ZoneOffset.UTC, "c").canonical().split("\n")[1].split(" ");
            assertThat(Integer.parseInt(f[2])).isBetween(1, 28);
            assertThat(Integer.parseInt(f[4])).isBetween(0, 6);
        }
    }

    @Test
    void nicknamesAsJenkinsDefinesThem() {
        String midnight = utc("@midnight").canonical().split("\n")[1];
        assertThat(Integer.parseInt(midnight.split(" ")[1])).isBetween(0, 2);
        assertThat(midnight).endsWith(" * * *");
        assertThat(utc("@hourly").canonical()).matches("(?s).*\\n\\d+ \\* \\* \\* \\*");
        assertThat(utc("@daily").canonical()).matches("(?s).*\\n\\d+ \\d+ \\* \\* \\*");
        assertThat(utc("@weekly").canonical()).matches("(?s).*\\n\\d+ \\d+ \\* \\* [0-6]");
        assertThat(utc("@monthly").canonical()).matches("(?s).*\\n\\d+ \\d+ \\d+ \\* \\*");
        assertThat(utc("@yearly").canonical()).isEqualTo(utc("@annually").canonical()).matches("(?s).*\\n\\d+ \\d+ \\d+ \\d+ \\*");
    }

    @Test
    void sundayIsZeroAndSeven() {
        assertThat(utc("0 0 * * 7").canonical()).isEqualTo(utc("0 0 * * 0").canonical());
        assertThat(fires(utc("0 0 * * 7"), "2026-01-01T00:00:00Z", 2)).containsExactly("2026-01-04T00:00Z", "2026-01-11T00:00Z");
        assertThat(fires(utc("0 12 * * 5-7"), "2026-01-01T00:00:00Z", 4)) // Fri, Sat, Sun, Fri
                .containsExactly("2026-01-02T12:00Z", "2026-01-03T12:00Z", "2026-01-04T12:00Z", "2026-01-09T12:00Z");
    }

    @Test
    void dayOfMonthAndDayOfWeekMustBothMatch() {
        assertThat(fires(utc("0 0 13 * 5"), "2026-01-01T00:00:00Z", 3)) // Friday the 13th only
                .containsExactly("2026-02-13T00:00Z", "2026-03-13T00:00Z", "2026-11-13T00:00Z");
    }

    @Test
    void rangesStepsAndLists() {
        assertThat(fires(utc("*/20 9-10 * * *"), "2026-01-01T00:00:00Z", 7)).containsExactly("2026-01-01T09:00Z",
                "2026-01-01T09:20Z", "2026-01-01T09:40Z", "2026-01-01T10:00Z", "2026-01-01T10:20Z", "2026-01-01T10:40Z", "2026-01-02T09:00Z");
        assertThat(fires(utc("5,10 0-4/2 * * *"), "2026-01-01T00:00:00Z", 3)).containsExactly("2026-01-01T00:05Z", "2026-01-01T00:10Z", "2026-01-01T02:05Z");
    }

    @Test
    void monthEnds() {
        assertThat(fires(utc("0 0 31 * *"), "2026-01-01T00:00:00Z", 4)) // months without a 31st are skipped
                .containsExactly("2026-01-31T00:00Z", "2026-03-31T00:00Z", "2026-05-31T00:00Z", "2026-07-31T00:00Z");
        assertThat(fires(utc("0 0 29 2 *"), "2026-01-01T00:00:00Z", 2)).containsExactly("2028-02-29T00:00Z", "2032-02-29T00:00Z");
        assertThat(utc("0 0 30 2 *").next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(utc("0 0 31 * *").previous(Instant.parse("2026-05-01T00:00:00Z"))).contains(Instant.parse("2026-03-31T00:00:00Z"));
    }

    @Test
    void hashStepInDayOfMonthLeavesGapsAtMonthEnd() {
        CronSchedule s = utc("0 0 H/3 * *");
        int start = 1 + CronHash.pick("nightly-etl", "day-of-month", 3);
        List<Integer> days = new ArrayList<>();
        Instant t = Instant.parse("2026-01-31T00:00:00Z");
        while (true) {
            t = s.next(t).orElseThrow();
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            if (z.getMonthValue() != 2) {
                break;
            }
            days.add(z.getDayOfMonth());
        }
        List<Integer> expected = new ArrayList<>();
        for (int d = start; d <= 28; d += 3) { // H picks from 1-28, steps stay within 1-28
            expected.add(d);
        }
        assertThat(days).isEqualTo(expected);
        // and then March starts again at the same day, not 3 days after the last February fire
        assertThat(t.atZone(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(start);
    }

    @Test
    void springForwardFiresTheMissingWallTimeWhenTheGapEnds() {
        CronSchedule berlin = schedules.compile("30 2 * * *", "g", ZoneId.of("Europe/Berlin"), "c");
        // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist that day; it fires at 03:00 CEST, once
        assertThat(fires(berlin, "2026-03-28T12:00:00Z", 3)).containsExactly("2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00",
                "2026-03-31T02:30+02:00");
        assertThat(berlin.previous(Instant.parse("2026-03-30T00:00:00Z"))).contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(berlin.previous(Instant.parse("2026-03-29T01:00:00Z"))).contains(Instant.parse("2026-03-28T01:30:00Z"));
        CronSchedule ny = schedules.compile("TZ=America/New_York\n0,30 * * * *", "g", ZoneOffset.UTC, "c");
        // 01:30 EST, then 02:00 and 02:30 do not exist: one fire at 03:00 EDT (also a regular fire), then on
        assertThat(fires(ny, "2026-03-08T06:00:00Z", 3))
                .containsExactly("2026-03-08T01:30-05:00", "2026-03-08T03:00-04:00", "2026-03-08T03:30-04:00");
        CronSchedule unaffected = schedules.compile("30 4 * * *", "g", ZoneId.of("Europe/Berlin"), "c");
        assertThat(fires(unaffected, "2026-03-28T12:00:00Z", 2)).containsExactly("2026-03-29T04:30+02:00", "2026-03-30T04:30+02:00");
    }

    @Test
    void fallBackFiresDailyJobsOnceAndIntervalsByTheClock() {
        CronSchedule daily = schedules.compile("30 2 * * *", "g", ZoneId.of("Europe/Berlin"), "c");
        assertThat(fires(daily, "2026-10-24T12:00:00Z", 2)).containsExactly("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
        CronSchedule half = schedules.compile("TZ=America/New_York\n*/30 * * * *", "g", ZoneOffset.UTC, "c");
        // 2026-11-01 02:00 EDT falls back to 01:00 EST: the repeated hour's half hours fire in real time order
        assertThat(fires(half, "2026-11-01T05:00:00Z", 4)).containsExactly("2026-11-01T01:30-04:00", "2026-11-01T01:00-05:00",
                "2026-11-01T01:30-05:00", "2026-11-01T02:00-05:00");
    }

    @Test
    void commentsBlankLinesTzAndSeveralLines() {
        CronSchedule s = schedules.compile("# nightly and at noon\nTZ=Europe/Berlin\n\n0 12 * * *\n  0 0 * * *\n",
                "g", ZoneOffset.UTC, "c");
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(fires(s, "2026-06-01T00:00:00Z", 2)).containsExactly("2026-06-01T12:00+02:00", "2026-06-02T00:00+02:00");
    }

    @Test
    void sharedSchedulesAreInterned() {
        assertThat(utc("0 * * * *")).isSameAs(utc("0 * * * *"));
        assertThat(schedules.compile("0 0 * * *", "x", ZoneOffset.UTC, "c")).isNotSameAs(schedules.compile("0 0 * * *", "x", ZoneId.of("Europe/Berlin"), "c"));
    }

    @Test
    void errorsPointAtLineAndColumn() {
        assertError("H H * *", 1, 8, "expected 5 fields");
        assertError("# c\n0 24 * * *", 2, 3, "hour values are 0 to 23, not 24");
        assertError("0 0 * * 8", 1, 9, "day-of-week values are 0 to 7, not 8");
        assertError("H/70 * * * *", 1, 3, "minute values are 0 to 59, not 70");
        assertError("0 10-2 * * *", 1, 7, "range 10-2 is reversed");
        assertError("@sometimes", 1, 1, "unknown nickname '@sometimes'");
        assertError("TZ=Mars/Olympus\n0 0 * * *", 1, 4, "unknown time zone 'Mars/Olympus'");
        assertError("0 0 * * *\nTZ=UTC", 2, 1, "a TZ= line must come before");
        assertError("0 0 * * * extra", 1, 11, "unexpected text after 5 fields");
        assertError("H(0-40)/50 * * * *", 1, 11, "step 50 is larger than the range of 41 values");
        assertError("0 x * * *", 1, 3, "unexpected 'x' in the hour field");
        assertError("\n# only a comment\n", 1, 1, "no schedule line");
        assertError("0 0 1/2 * *", 1, 6, "a step needs a range or * before it");
        assertError("0 0 * * * # trailing comment", 1, 11, "unexpected text after 5 fields"); // as in Jenkins: comments are whole lines
    }

    private void assertError(String text, int line, int column, String message) {
        assertThatThrownBy(() -> utc(text)).isInstanceOfSatisfying(CronSyntaxException.class, e -> {
            assertThat(e.problem()).as(text).contains(message);
            assertThat(e.line()).as(text + " line").isEqualTo(line);
            assertThat(e.column()).as(text + " column").isEqualTo(column);
            assertThat(e.field()).isEqualTo("schedule.cron");
        });
    }
}
