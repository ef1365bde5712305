package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One task of a graph: what to run, where it may run, and how it is retried and bounded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Task name, unique in the graph: [a-z0-9][a-z0-9_-]{0,62}.")
        String name,
        @JsonPropertyDescription("The program and its arguments, run without a shell on the placed resource (1 to 256 arguments). Required unless job is given.")
        List<String> command,
        @JsonPropertyDescription("Environment variables added to the lease's own.")
        Map<String, String> env,
        @JsonPropertyDescription("Where the task may run; placement matches these against resources.")
        RequirementsSpec requirements,
        @JsonPropertyDescription("Resources the task needs at once. Default 1.")
        Integer count,
        @JsonPropertyDescription("Expected run time, used by placement for cost estimates.")
        Duration estimatedDuration,
        @JsonPropertyDescription("The task must have ended this long after its run's scheduled instant; if not, it is stopped and TIMED_OUT, without retries.")
        Duration deadline,
        @JsonPropertyDescription("The most all count resources together may cost per hour (sum of their costPerHour), in the pool's currency.")
        BigDecimal costLimit,
        @JsonPropertyDescription("-1000 to 1000; higher runs first when capacity is short. Default 0.")
        Integer priority,
        @JsonPropertyDescription("Further attempts after a failed or timed-out one. Default 0.")
        Integer retries,
        @JsonPropertyDescription("Wait between attempts.")
        BackoffSpec backoff,
        @JsonPropertyDescription("Longest one attempt may run; it is then stopped and counts as failed (TIMED_OUT). Default 1h.")
        Duration timeout,
        @JsonPropertyDescription("Tasks of this graph that must end first.")
        List<String> dependsOn,
        @JsonPropertyDescription("When to start given the upstream end states: allSuccess (default), allDone, noneFailed, oneFailed.")
        String trigger,
        @JsonPropertyDescription("Jenkins only: the full name of the job (e.g. folder/deploy) whose build is the task's work, run with the placement's lease as build parameters. Then command may be left out.")
        String job) {

    public TaskSpec {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        requirements = requirements == null ? RequirementsSpec.ANY : requirements;
        count = count == null ? 1 : count;
        priority = priority == null ? 0 : priority;
        retries = retries == null ? 0 : retries;
        backoff = backoff == null ? BackoffSpec.DEFAULT : backoff;
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        trigger = trigger == null ? TriggerRule.ALL_SUCCESS.specName() : trigger;
    }

    /** A task without a Jenkins job (every runner but the Jenkins plugin's). */
    public TaskSpec(String name, List<String> command, Map<String, String> env, RequirementsSpec requirements, Integer count,
                    Duration estimatedDuration, Duration deadline, BigDecimal costLimit, Integer priority, Integer retries,
                    BackoffSpec backoff, Duration timeout, List<String> dependsOn, String trigger) {
        this(name, command, env, requirements, count, estimatedDuration, deadline, costLimit, priority, retries, backoff, timeout,
                dependsOn, trigger, null);
    }

    public TriggerRule triggerRule() {
        return TriggerRule.fromSpec(trigger);
    }

    /** A minimal task, for code and tests. */
    public static TaskSpec of(String name, List<String> command, String... dependsOn) {
        return new TaskSpec(name, command, null, null, null, null, null, null, null, null, null, null, List.of(dependsOn), null);
    }
}
