package io.runway.core.task.cron;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resolved schedule: plain cron lines (no {@code H} left) in one time zone, evaluated by cron-utils.
 * Immutable, compared by value, and interned by {@link CronSchedules}, so graphs whose text resolves to
 * the same lines and zone share one instance.
 *
 * <p>Kept small for 100,000 schedules: the resolved fields are three packed longs per line (minutes;
 * day-of-month; hours, months and days-of-week), and the cron-utils objects that do the calendar
 * arithmetic are built when a next or previous fire is asked for and kept in a small shared cache
 * ({@link ExecutionTimes}), not per schedule.
 *
 * <p>Instants are whole minutes. {@link #next} and {@link #previous} are strict (never return the
 * argument itself). Daylight-saving behaviour is cron-utils': a wall time skipped by a spring-forward
 * change does not fire that day; a repeated wall time fires once (see {@code CronScheduleTest}).
 */
public final class CronSchedule {
    private final long[] packed;
    private final ZoneId zone;
    private final int hash;

    CronSchedule(long[] packed, ZoneId zone) {
        this.packed = packed;
        this.zone = zone;
        this.hash = 31 * Arrays.hashCode(packed) + zone.hashCode();
    }

    /** Packs one line's five bit sets (day-of-week already folded to 0-6). */
    static long[] pack(long[] bits) {
        return new long[] {bits[0], bits[2], bits[1] | bits[3] << 24 | bits[4] << 40};
    }

    /** The five bit sets of line {@code i}: minute, hour, day-of-month, month, day-of-week. */
    long[] fields(int line) {
        long rest = packed[3 * line + 2];
        return new long[] {packed[3 * line], rest & 0xFFFFFFL, packed[3 * line + 1], (rest >>> 24) & 0xFFFFL, (rest >>> 40) & 0xFFL};
    }

    int lineCount() {
        return packed.length / 3;
    }

    /** The resolved text, e.g. {@code TZ=Europe/Berlin\n7 3 * * *}; equal texts mean equal schedules. */
    public String canonical() {
        StringBuilder b = new StringBuilder("TZ=").append(zone.getId());
        for (String line : lines()) {
            b.append('\n').append(line);
        }
        return b.toString();
    }

    /** The resolved lines as plain five-field cron. */
    List<String> lines() {
        String[] out = new String[lineCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = CronSchedules.render(fields(i));
        }
        return List.of(out);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire strictly after {@code after}, or empty when there is none (e.g. 30 February). */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        Instant best = null;
        for (ExecutionTime line : ExecutionTimes.of(this)) {
            Optional<ZonedDateTime> n = line.nextExecution(from);
            if (n.isPresent()) {
                Instant i = n.get().toInstant();
                if (i.isAfter(after) && (best == null || i.isBefore(best))) {
                    best = i;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The last fire strictly before {@code before}, or empty. */
    public Optional<Instant> previous(Instant before) {
        ZonedDateTime from = before.atZone(zone);
        Instant best = null;
        for (ExecutionTime line : ExecutionTimes.of(this)) {
            Optional<ZonedDateTime> p = line.lastExecution(from);
            if (p.isPresent()) {
                Instant i = p.get().toInstant();
                if (i.isBefore(before) && (best == null || i.isAfter(best))) {
                    best = i;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule s && s.hash == hash && Arrays.equals(s.packed, packed) && s.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return canonical().replace('\n', ';');
    }
}
