package io.runway.core.task.cron;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A resolved schedule: plain cron lines (no {@code H} left) in one time zone, evaluated by cron-utils.
 * Immutable and shared: every graph whose text resolves to the same lines and zone holds the same
 * instance (see {@link CronSchedules}), so 100,000 schedules cost one object per distinct expression.
 *
 * <p>Instants are whole minutes. {@link #next} and {@link #previous} are strict (never return the
 * argument itself). A wall time that a daylight-saving change skips, or repeats, is handled by cron-utils;
 * the tests in {@code CronScheduleTest} pin what that means (skipped hour: the fire moves to the first
 * valid minute after the gap; repeated hour: one fire, at the first occurrence).
 */
public final class CronSchedule {
    private final String canonical;
    private final ZoneId zone;
    private final List<ExecutionTime> lines;

    CronSchedule(String canonical, ZoneId zone, List<ExecutionTime> lines) {
        this.canonical = canonical;
        this.zone = zone;
        this.lines = List.copyOf(lines);
    }

    /** The resolved text, e.g. {@code TZ=Europe/Berlin\n7 3 * * *}; equal texts mean equal schedules. */
    public String canonical() {
        return canonical;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire strictly after {@code after}, or empty when there is none (e.g. 30 February). */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        Instant best = null;
        for (ExecutionTime line : lines) {
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
        for (ExecutionTime line : lines) {
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
    public String toString() {
        return canonical.replace('\n', ';');
    }
}
