package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A task graph: named tasks with dependencies, run once per schedule instant (or on request). Read by
 * {@code SpecKind.TASK_GRAPH}; checked by {@link TaskGraphSpecValidator}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskGraphSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Graph name: [a-z0-9-]{1,63}. Also the seed of H in the schedule.")
        String name,
        @JsonPropertyDescription("When the graph runs by itself; without it the graph runs only on request (run, backfill).")
        ScheduleSpec schedule,
        @JsonProperty(required = true)
        @JsonPropertyDescription("The tasks, 1 to 200; dependencies must not form a cycle.")
        List<TaskSpec> tasks) {

    public TaskGraphSpec {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The task of that name, or null. */
    public TaskSpec task(String taskName) {
        return tasks.stream().filter(t -> t.name().equals(taskName)).findFirst().orElse(null);
    }
}
