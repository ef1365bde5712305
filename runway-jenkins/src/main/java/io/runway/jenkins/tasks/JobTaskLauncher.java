package io.runway.jenkins.tasks;

import io.runway.core.label.LabelExpression;
import io.runway.core.placement.AttributeConstraint;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.TaskRunContext;
import io.runway.core.task.TaskSpec;
import io.runway.jenkins.host.RunwayHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a graph's task as a build of the Jenkins job its spec names ({@code job:}): first a placement of the
 * task's requirements (pool, capability, attribute constraints, count, priority, cost limit, deadline), then a
 * build with the task's environment and the placement's lease as string parameters ({@code RUNWAY_GRAPH},
 * {@code RUNWAY_RUN_ID}, {@code RUNWAY_TASK}, ..., {@code RUNWAY_LEASE_ID}, {@code RUNWAY_FENCING_TOKEN},
 * {@code RUNWAY_RESOURCES}, {@code RUNWAY_RESOURCE_0}, ...). The lease is renewed while the build runs and
 * released when it ends. SUCCESS is a succeeded attempt; anything else failed. Cancelling aborts the build
 * (or the placement, before there is one).
 */
public final class JobTaskLauncher implements TaskLauncher {
    private final Supplier<RunwayHost> host;
    private final JobTrigger trigger;
    private final Duration leaseTtl;

    /**
     * @param host the controller's host, asked at every use (it is a new one after the configuration is saved)
     * @param leaseTtl the lease's TTL; renewed every half of it while the build runs
     */
    public JobTaskLauncher(Supplier<RunwayHost> host, JobTrigger trigger, Duration leaseTtl) {
        this.host = host;
        this.trigger = trigger;
        this.leaseTtl = leaseTtl;
    }

    @Override
    public TaskExecution launch(TaskRunContext context) {
        JobTaskExecution execution = new JobTaskExecution(context, host, trigger, leaseTtl);
        execution.begin();
        return execution;
    }

    /** The owner of a task's lease: {@code task:GRAPH/RUN/TASK#ATTEMPT} (never torn down as a build's). */
    static String owner(TaskRunContext c) {
        return "task:" + c.runId() + "/" + c.task() + "#" + c.attempt();
    }

    /** The placement a task asks for; the spec was validated, so its texts parse. */
    static PlacementRequest request(TaskRunContext c, Duration ttl) {
        TaskSpec t = c.spec();
        String cap = t.requirements().capability();
        List<AttributeConstraint> constraints = new ArrayList<>();
        List<String> texts = t.requirements().attributes();
        for (int i = 0; i < texts.size(); i++) {
            constraints.add(AttributeConstraint.parse(texts.get(i), "requirements.attributes[" + i + "]"));
        }
        return new PlacementRequest(owner(c), t.requirements().pool(), cap == null ? null : LabelExpression.parse(cap, "requirements.capability"),
                constraints, t.count(), t.priority(), t.estimatedDuration(), c.deadline(),
                t.costLimit() == null ? null : t.costLimit().doubleValue(), ttl, null);
    }
}
