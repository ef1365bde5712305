package io.runway.jenkins.steps;

import io.runway.core.error.InvalidInputException;
import io.runway.core.label.LabelExpression;
import io.runway.core.placement.AttributeConstraint;
import io.runway.core.placement.Placement;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.placement.PlacementState;
import io.runway.core.placement.Scoring;
import io.runway.core.spec.Durations;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.host.StepDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code runwayTask { ... }}: a placement (constraints, cost limit, scoring, deadline) instead of a
 * plain lease; everything once it is placed — environment, renewal, release, restarts — is the lease
 * block's ({@link LeaseBlockExecution}). Waiting holds no thread: the placement's future starts the block,
 * and a light watcher on the host's scheduler prints the placement's blocked reason when it changes.
 */
public class RunwayTaskStepExecution extends LeaseBlockExecution {
    private static final long serialVersionUID = 1L;
    /** How often the watcher looks at a waiting placement's state (placement judges it on its own rounds). */
    static final Duration WATCH = Duration.ofSeconds(2);

    private final String pool;
    private final String capability;
    private final ArrayList<String> constraints;
    private final int count;
    private final int priority;
    private final Long deadlineMillis;
    private final long estimatedMillis;
    private final Double costLimit;
    private final String scoring;
    private Long deadlineAtMillis;

    private transient volatile Placement placement;
    private transient volatile ScheduledFuture<?> watcher;
    private transient String lastReported;

    RunwayTaskStepExecution(RunwayTaskStep step, StepContext context) {
        super(context,
                step.getTtl() == null ? StepDefaults.get().leaseTtl().toMillis() : Durations.parse(step.getTtl(), "ttl").toMillis(),
                step.getWait() == null ? StepDefaults.get().leaseWait().toMillis() : Durations.parse(step.getWait(), "wait").toMillis(),
                step.getVariable());
        this.pool = step.getPool();
        this.capability = step.getCapability();
        this.constraints = new ArrayList<>(step.getConstraints());
        this.count = step.getCount();
        this.priority = step.getPriority();
        this.deadlineMillis = step.getDeadline() == null ? null : Durations.parse(step.getDeadline(), "deadline").toMillis();
        this.estimatedMillis = step.getEstimatedDuration() == null ? 0
                : Durations.parse(step.getEstimatedDuration(), "estimatedDuration").toMillis();
        this.costLimit = step.getCostLimit();
        this.scoring = step.getScoring() == null ? null : step.getScoring().trim();
        if (count < 1) {
            throw new InvalidInputException("count", "count must be at least 1, got " + count);
        }
        if (priority < -1000 || priority > 1000) {
            throw new InvalidInputException("priority", "priority must be -1000 to 1000, got " + priority);
        }
        // Bad input fails the step before it waits, naming the parameter.
        placementRequest("check", Instant.EPOCH, Duration.ZERO);
    }

    /** The placement request, every parameter parsed (and checked) here. */
    private PlacementRequest placementRequest(String who, Instant now, Duration waitFor) {
        LabelExpression cap = capability == null ? null : LabelExpression.parse(capability, "capability");
        List<AttributeConstraint> parsed = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            parsed.add(AttributeConstraint.parse(constraints.get(i), "constraints[" + i + "]"));
        }
        Instant waitEnd = now.plus(waitFor);
        Instant deadline = deadlineAtMillis == null ? waitEnd : Instant.ofEpochMilli(Math.min(deadlineAtMillis, waitEnd.toEpochMilli()));
        // Without a deadline the wait's end only bounds the placement; the estimate then must not shrink it.
        Duration estimate = deadlineAtMillis == null ? Duration.ZERO : Duration.ofMillis(estimatedMillis);
        return new PlacementRequest(who, pool, cap, parsed, count, priority, estimate, deadline, costLimit,
                Duration.ofMillis(ttlMillis()), scoring(scoring));
    }

    static Scoring scoring(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "binpack" -> Scoring.BIN_PACK;
            case "spread" -> Scoring.SPREAD;
            case "cheapest" -> Scoring.CHEAPEST;
            default -> throw new InvalidInputException("scoring", "scoring must be binPack, spread or cheapest, got '" + text + "'");
        };
    }

    @Override
    public boolean start() throws Exception {
        owner = StepOwners.of(context());
        RunwayHost host = HostHolder.get();
        io.runway.jenkins.SafetyRails.checkShare(pool, count, host.leases().resources(), StepDefaults.get().maxPoolSharePercent());
        long now = host.clock().millis();
        waitDeadlineMillis = now + waitMillis();
        deadlineAtMillis = deadlineMillis == null ? null : now + deadlineMillis;
        StepLog.println(context(), "Submitting task: " + count + " resource(s)" + (pool == null ? "" : " of pool " + pool)
                + (capability == null ? "" : " matching " + capability)
                + (constraints.isEmpty() ? "" : " with " + String.join(", ", constraints))
                + (costLimit == null ? "" : " costing at most " + costLimit + "/h")
                + (deadlineMillis == null ? "" : ", deadline " + Instant.ofEpochMilli(deadlineAtMillis))
                + "; waiting up to " + Durations.format(Duration.ofMillis(waitMillis())) + " to be placed");
        request(host, Duration.ofMillis(waitMillis()));
        return false;
    }

    @Override
    void request(RunwayHost host, Duration waitFor) {
        Placement p = host.placements().place(placementRequest(owner, host.clock().instant(), waitFor));
        placement = p;
        lastReported = null;
        StepLog.println(context(), "Placement " + p.id() + " queued");
        long ms = WATCH.toMillis();
        watcher = host.executor().scheduleWithFixedDelay(this::reportReason, ms, ms, TimeUnit.MILLISECONDS);
        p.grant().whenComplete((grant, error) -> {
            stopWatching();
            granted(host, grant, error);
        });
    }

    /** Prints the placement's state and reason when it is blocked or waiting for capacity and they changed. */
    void reportReason() {
        Placement p = placement;
        if (p == null || p.state().isTerminal()) {
            return;
        }
        PlacementState state = p.state();
        if (state != PlacementState.BLOCKED && state != PlacementState.WAITING_FOR_CAPACITY) {
            return;
        }
        String line = (state == PlacementState.BLOCKED ? "Blocked: " : "Waiting for capacity: ") + p.reason();
        synchronized (this) {
            if (line.equals(lastReported)) {
                return;
            }
            lastReported = line;
        }
        StepLog.println(context(), line);
    }

    private void stopWatching() {
        ScheduledFuture<?> w = watcher;
        if (w != null) {
            w.cancel(false);
        }
    }

    @Override
    void cancelRequest(RunwayHost host) {
        stopWatching();
        Placement p = placement;
        if (p != null) {
            host.placements().cancel(p.id(), owner, "the step was stopped");
        }
    }

    @Override
    String notGranted() {
        return "Runway task not placed";
    }

    @Override
    public String getStatus() {
        Placement p = placement;
        if (leaseId() != null) {
            return "running on lease " + leaseId();
        }
        return p == null ? "waiting to be placed" : "placement " + p.id() + " " + p.state() + ": " + p.reason();
    }

    Placement placement() {
        return placement;
    }
}
