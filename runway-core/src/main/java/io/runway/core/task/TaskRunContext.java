package io.runway.core.task;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a launcher needs for one attempt. {@link #environment()} is what the command sees on top of
 * its host's environment: the task's own {@code env} plus {@code RUNWAY_GRAPH}, {@code RUNWAY_RUN_ID},
 * {@code RUNWAY_TASK}, {@code RUNWAY_ATTEMPT}, {@code RUNWAY_SCHEDULED_FOR},
 * {@code RUNWAY_DATA_INTERVAL_START} and {@code RUNWAY_DATA_INTERVAL_END} (ISO-8601 instants).
 *
 * @param spec the task: command, requirements (pool, capability, attributes), count, cost limit, priority
 * @param deadline when the whole task must have ended, or null
 */
public record TaskRunContext(String graph, String runId, int attempt, Instant scheduledFor, Instant dataIntervalStart,
                             Instant dataIntervalEnd, TaskSpec spec, Instant deadline) {

    public String task() {
        return spec.name();
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("RUNWAY_GRAPH", graph);
        env.put("RUNWAY_RUN_ID", runId);
        env.put("RUNWAY_TASK", spec.name());
        env.put("RUNWAY_ATTEMPT", Integer.toString(attempt));
        env.put("RUNWAY_SCHEDULED_FOR", scheduledFor.toString());
        env.put("RUNWAY_DATA_INTERVAL_START", dataIntervalStart.toString());
        env.put("RUNWAY_DATA_INTERVAL_END", dataIntervalEnd.toString());
        return env;
    }
}
