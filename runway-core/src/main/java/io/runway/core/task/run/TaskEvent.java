package io.runway.core.task.run;

import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskPlacementStatus;

/** What the launcher (or a restart) reports about one attempt of one task of one run. */
public sealed interface TaskEvent {
    String runId();

    String task();

    int attempt();

    /** The attempt's placement changed (queued, waiting, blocked with a reason, placed). */
    record Placement(String runId, String task, int attempt, TaskPlacementStatus status) implements TaskEvent {}

    /** The command started. */
    record Started(String runId, String task, int attempt, String where) implements TaskEvent {}

    /** The attempt ended. */
    record Finished(String runId, String task, int attempt, TaskOutcome outcome) implements TaskEvent {}
}
