package io.runway.core.task.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.runway.core.task.TaskPlacementStatus;
import io.runway.core.task.TaskRunState;
import java.time.Instant;

/**
 * One task's state within a graph run.
 *
 * @param attempt attempts launched so far (0: never launched)
 * @param notBefore a retry waits until then; null otherwise
 * @param placedAt when the current attempt was handed to the launcher
 * @param startedAt when the current attempt's command started (its timeout counts from here)
 * @param placement where the current (or last) attempt's placement stands, for tasks with requirements;
 *     null for tasks that run without placement
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskRun(String name, TaskRunState state, int attempt, Instant notBefore, Instant placedAt,
                      Instant startedAt, Instant endedAt, Integer exitCode, String message, String outputTail,
                      TaskPlacementStatus placement) {

    public static TaskRun queued(String name) {
        return new TaskRun(name, TaskRunState.QUEUED, 0, null, null, null, null, null, null, null, null);
    }

    TaskRun placed(Instant now) {
        return new TaskRun(name, TaskRunState.PLACED, attempt + 1, null, now, null, null, null, null, null, null);
    }

    TaskRun running(Instant now, String where) {
        return new TaskRun(name, TaskRunState.RUNNING, attempt, null, placedAt, now, null, null, where, null, placement);
    }

    TaskRun retryAt(Instant when, Integer exit, String why, String tail) {
        return new TaskRun(name, TaskRunState.QUEUED, attempt, when, null, null, null, exit, why, tail, placement);
    }

    TaskRun ended(TaskRunState end, Instant now, Integer exit, String why, String tail) {
        return new TaskRun(name, end, attempt, null, placedAt, startedAt, now, exit, why, tail, placement);
    }

    /** The placement's news; while PLACED (waiting for it), its state and reason are also the message. */
    TaskRun withPlacement(TaskPlacementStatus p) {
        String why = state == TaskRunState.PLACED ? "placement " + p.state() + ": " + p.reason() : message;
        return new TaskRun(name, state, attempt, notBefore, placedAt, startedAt, endedAt, exitCode, why, outputTail, p);
    }
}
