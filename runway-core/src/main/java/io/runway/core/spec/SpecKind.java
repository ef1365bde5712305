package io.runway.core.spec;

import io.runway.core.lease.LeaseRequestSpec;
import io.runway.core.lease.LeaseRequestSpecValidator;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.rollout.spec.RolloutSpecValidator;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskGraphSpecValidator;
import java.util.List;

/**
 * A kind of spec file: its name (the key in {@code runway schema}'s output), model type and validator.
 * New kinds (rollouts, tasks) are added to {@link #all()}.
 */
public record SpecKind<T>(String name, Class<T> type, SpecValidator<T> validator) {
    public static final SpecKind<PoolsConfig> POOLS = new SpecKind<>("pools", PoolsConfig.class, new PoolsConfigValidator());

    public static final SpecKind<LeaseRequestSpec> LEASE_REQUEST =
            new SpecKind<>("lease-request", LeaseRequestSpec.class, new LeaseRequestSpecValidator());

    public static final SpecKind<RolloutSpec> ROLLOUT =
            new SpecKind<>("rollout", RolloutSpec.class, new RolloutSpecValidator());

    public static final SpecKind<TaskGraphSpec> TASK_GRAPH =
            new SpecKind<>("task-graph", TaskGraphSpec.class, new TaskGraphSpecValidator());

    public static List<SpecKind<?>> all() {
        return List.of(POOLS, LEASE_REQUEST, ROLLOUT, TASK_GRAPH);
    }

    /**
     * The kind a document is, from its top-level fields: {@code pools} makes a pools config, {@code service}
     * or {@code strategy} a rollout, {@code tasks} a task graph, {@code owner} or {@code ttl} a lease request. Anything else is read as a pools config, whose reader then says
     * what is missing.
     */
    public static SpecKind<?> detect(String sourceName, String text) {
        if (text.length() > SpecFactories.MAX_CHARS) {
            return POOLS;
        }
        LocatedTreeReader.Result parsed = LocatedTreeReader.read(sourceName, text, SpecFormat.detect(sourceName, text));
        com.fasterxml.jackson.databind.JsonNode root = parsed.tree() == null ? null : parsed.tree().root();
        if (root != null && root.isObject() && !root.has("pools")) {
            if (root.has("service") || root.has("strategy")) {
                return ROLLOUT;
            }
            if (root.has("tasks")) {
                return TASK_GRAPH;
            }
            if (root.has("owner") || root.has("ttl")) {
                return LEASE_REQUEST;
            }
        }
        return POOLS;
    }

    public SpecReader<T> reader() {
        return new SpecReader<>(type, validator);
    }
}
