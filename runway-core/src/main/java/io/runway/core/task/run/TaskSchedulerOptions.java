package io.runway.core.task.run;

import java.time.Duration;

/**
 * @param tick how often the scheduler decides even when nothing was reported (retries, timeouts)
 * @param missedGrace a schedule instant later than this is "missed" (subject to the missed-run policy)
 * @param keepFinishedRuns finished runs kept per graph (older ones are deleted from the store)
 * @param maxBackfillRuns the most runs one backfill request may create
 */
public record TaskSchedulerOptions(Duration tick, Duration missedGrace, int keepFinishedRuns, int maxBackfillRuns) {
    public static final TaskSchedulerOptions DEFAULTS = new TaskSchedulerOptions(Duration.ofSeconds(1), Duration.ofMinutes(1), 100, 1000);
}
