package io.runway.core.task.place;

import io.runway.core.label.LabelExpression;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.pool.LeaseLimits;
import io.runway.core.task.RequirementsSpec;
import io.runway.core.task.TaskRunContext;
import io.runway.core.task.TaskSpec;
import java.time.Duration;

/** Turns a task attempt into the placement (a lease request) that finds its resources. */
public final class TaskPlacementRequests {
    /** Added to the task's timeout: the lease outlives the longest attempt, including its stop and cleanup. */
    static final Duration TTL_MARGIN = Duration.ofMinutes(5);

    private TaskPlacementRequests() {}

    /** Who holds a task's lease (quotas count per owner): {@code task:GRAPH}. */
    public static String owner(TaskRunContext context) {
        return "task:" + context.graph();
    }

    /**
     * The placement for one attempt: the requirements (pool, capability, attribute constraints), count,
     * priority, cost limit, estimated duration and deadline of the task, held for {@link #ttl}.
     */
    public static PlacementRequest of(TaskRunContext context, LeaseLimits limits) {
        TaskSpec spec = context.spec();
        RequirementsSpec r = spec.requirements();
        LabelExpression capability = r.capability() == null ? null : LabelExpression.parse(r.capability(), "requirements.capability");
        return new PlacementRequest(owner(context), r.pool(), capability, r.constraints(), spec.count(), spec.priority(),
                spec.estimatedDuration(), context.deadline(), spec.costLimit() == null ? null : spec.costLimit().doubleValue(),
                ttl(spec, limits), null);
    }

    /**
     * The lease's TTL: the task's timeout plus a margin, so one attempt fits in it without a renewal, at
     * most the server's {@code maxTtl} (the launcher renews while the command runs in any case).
     */
    static Duration ttl(TaskSpec spec, LeaseLimits limits) {
        Duration want = spec.timeout().plus(TTL_MARGIN);
        return want.compareTo(limits.maxTtl()) > 0 ? limits.maxTtl() : want;
    }
}
