package io.runway.core.task.run;

import io.runway.core.task.MissedRunPolicy;
import io.runway.core.task.cron.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Decides which schedule instants get a run, given the last instant already handled (fired or
 * deliberately skipped, stored durably) and the time. Pure.
 *
 * <p>An instant in {@code (lastFired, now - grace]} was missed (runway was down or stalled); one in
 * {@code (now - grace, now]} is on time and always runs. Missed instants follow the policy: {@code skip}
 * drops them, {@code runOnce} runs the latest, {@code catchUp} runs the latest {@code catchUpLimit} in
 * order. Either way {@code lastFired} moves to the latest instant at or before {@code now}, so no
 * instant is ever considered twice.
 */
public final class FireDecider {
    /** Walking further back than this many instants is never needed (catchUpLimit is at most 1000). */
    private static final int MAX_WALK = 1001;

    /**
     * @param run the instants to create runs for, oldest first
     * @param missedDropped how many missed instants the policy dropped (at least; counting stops at 1000)
     * @param lastFired the new last handled instant
     */
    public record Plan(List<Instant> run, int missedDropped, Instant lastFired) {}

    public Plan decide(CronSchedule schedule, Instant lastFired, Instant now, MissedRunPolicy policy, int catchUpLimit,
                       Duration grace) {
        Instant latest = schedule.previous(now.plusNanos(1)).orElse(null);
        if (latest == null || !latest.isAfter(lastFired)) {
            return new Plan(List.of(), 0, lastFired);
        }
        Instant graceStart = now.minus(grace);
        // Walk back from the latest due instant: on-time ones first, then the missed ones.
        List<Instant> onTime = new ArrayList<>();
        List<Instant> missed = new ArrayList<>();
        Optional<Instant> at = Optional.of(latest);
        int walked = 0;
        while (at.isPresent() && at.get().isAfter(lastFired) && walked++ < MAX_WALK) {
            (at.get().isAfter(graceStart) ? onTime : missed).add(at.get());
            at = schedule.previous(at.get());
        }
        boolean more = at.isPresent() && at.get().isAfter(lastFired);
        int keep = switch (policy) {
            case SKIP -> 0;
            case RUN_ONCE -> Math.min(1, missed.size());
            case CATCH_UP -> Math.min(catchUpLimit, missed.size());
        };
        List<Instant> run = new ArrayList<>(missed.subList(0, keep));
        run.addAll(onTime);
        Collections.sort(run);
        return new Plan(List.copyOf(run), missed.size() - keep + (more ? 1 : 0), latest);
    }
}
