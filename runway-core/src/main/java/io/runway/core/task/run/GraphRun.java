package io.runway.core.task.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskGraphSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a graph for one instant, with its data interval {@code [intervalStart, scheduledFor)} and
 * the spec it runs (kept, so a run started before a spec change finishes as it began). Immutable.
 *
 * @param trigger {@code schedule}, {@code backfill} or {@code manual}
 */
public record GraphRun(String id, String graph, String trigger, Instant scheduledFor, Instant intervalStart,
                       GraphRunState state, Instant createdAt, Instant startedAt, Instant endedAt, String reason,
                       TaskGraphSpec spec, Map<String, TaskRun> tasks) {

    public GraphRun {
        tasks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /** The run id of a graph's instant: one run per instant, so a repeated fire finds the existing one. */
    public static String idOf(String graph, String trigger, Instant scheduledFor) {
        return graph + "@" + scheduledFor + ("schedule".equals(trigger) ? "" : "~" + trigger);
    }

    public static GraphRun create(TaskGraphSpec spec, String trigger, Instant scheduledFor, Instant intervalStart,
                                  Instant now, GraphRunState state, String reason) {
        Map<String, TaskRun> tasks = new LinkedHashMap<>();
        spec.tasks().forEach(t -> tasks.put(t.name(), TaskRun.queued(t.name())));
        return new GraphRun(idOf(spec.name(), trigger, scheduledFor), spec.name(), trigger, scheduledFor, intervalStart,
                state, now, null, state.isTerminal() ? now : null, reason, spec, tasks);
    }

    @JsonIgnore
    public boolean isActive() {
        return !state.isTerminal();
    }

    public TaskRun task(String name) {
        return tasks.get(name);
    }

    GraphRun withTasks(Map<String, TaskRun> next) {
        return new GraphRun(id, graph, trigger, scheduledFor, intervalStart, state, createdAt, startedAt, endedAt, reason, spec, next);
    }

    GraphRun withState(GraphRunState next, Instant now, String why) {
        Instant started = next == GraphRunState.RUNNING && startedAt == null ? now : startedAt;
        return new GraphRun(id, graph, trigger, scheduledFor, intervalStart, next, createdAt, started,
                next.isTerminal() ? now : endedAt, why == null ? reason : why, spec, tasks);
    }
}
