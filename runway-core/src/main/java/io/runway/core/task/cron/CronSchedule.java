package io.runway.core.task.cron;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
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
 * argument itself). Daylight saving: a wall time skipped by a spring-forward change fires once, at the
 * end of the gap (as Jenkins does, which cron-utils alone would not: it skips it); a wall time repeated
 * by a fall-back change fires once, at its first occurrence (cron-utils). See {@code CronScheduleTest}.
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
        if (best != null) { // a wall time skipped by a spring-forward change fires when the gap ends
            for (ZoneOffsetTransition t = zone.getRules().nextTransition(after); t != null && !t.getInstant().isAfter(best);
                    t = zone.getRules().nextTransition(t.getInstant())) {
                if (t.isGap() && t.getInstant().isAfter(after) && gapMatches(t)) {
                    return Optional.of(t.getInstant());
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
        if (best != null) {
            for (ZoneOffsetTransition t = zone.getRules().previousTransition(before); t != null && t.getInstant().isAfter(best);
                    t = zone.getRules().previousTransition(t.getInstant())) {
                if (t.isGap() && t.getInstant().isBefore(before) && gapMatches(t)) {
                    return Optional.of(t.getInstant());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether a line matches a wall-clock minute that the gap skips (cron-utils only ever sees existing
     * times). The minutes are read in the offset before the change, where they exist.
     */
    private boolean gapMatches(ZoneOffsetTransition gap) {
        List<ExecutionTime> lines = ExecutionTimes.of(this);
        for (LocalDateTime local = gap.getDateTimeBefore(); local.isBefore(gap.getDateTimeAfter()); local = local.plusMinutes(1)) {
            ZonedDateTime fixed = ZonedDateTime.ofLocal(local, gap.getOffsetBefore(), null);
            for (ExecutionTime line : lines) {
                if (line.isMatch(fixed)) {
                    return true;
                }
            }
        }
        return false;
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
