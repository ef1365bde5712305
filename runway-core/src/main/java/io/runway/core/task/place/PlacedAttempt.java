package io.runway.core.task.place;

import io.runway.core.error.RunwayException;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.placement.Placement;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.placement.PlacementState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.StoreBatch;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskPlacementStatus;
import io.runway.core.task.TaskRunContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One attempt of a task with requirements: placement, then the command on the placed resource, then the
 * release. Its state moves under its own lock; reports go out through {@link #started()}, {@link
 * #outcome()} and the placement listeners.
 */
final class PlacedAttempt implements TaskExecution {
    private static final String ACTOR = "scheduler";
    private final PlacedTaskLauncher host;
    private final TaskRunContext context;
    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
    private final List<Consumer<TaskPlacementStatus>> listeners = new ArrayList<>();
    private Placement placement;
    private Duration ttl;
    private TaskPlacementStatus status;
    private Grant grant;
    private TaskExecution command;
    private ScheduledFuture<?> renewal;
    private String cancelReason;
    private boolean ending;

    PlacedAttempt(PlacedTaskLauncher host, TaskRunContext context) {
        this.host = host;
        this.context = context;
    }

    void begin() {
        PlacementRequest request;
        try {
            request = TaskPlacementRequests.of(context, host.engine.limits());
        } catch (RunwayException e) {
            outcome.complete(TaskOutcome.failure("not placed: " + e.getMessage()));
            return;
        }
        ttl = request.ttl();
        Placement p = host.placements.place(request);
        synchronized (this) {
            placement = p;
        }
        p.onChange(changed -> {
            if (changed.state() != PlacementState.PLACED) { // the grant's own report carries the lease
                publish(waitingStatus(changed));
            }
        });
        if (p.state() != PlacementState.PLACED) {
            publish(waitingStatus(p));
        }
        p.grant().whenCompleteAsync((g, e) -> {
            if (e == null) {
                placed(g);
            } else {
                notPlaced(p);
            }
        }, host.io);
    }

    private static TaskPlacementStatus waitingStatus(Placement p) {
        return new TaskPlacementStatus(p.state().name(), p.reason(), p.leaseId(), null, List.of());
    }

    private void placed(Grant g) {
        Lease lease = g.lease();
        String cancelled;
        synchronized (this) {
            grant = g;
            cancelled = cancelReason;
        }
        publish(new TaskPlacementStatus(PlacementState.PLACED.name(), placement.reason(), lease.id(), lease.fencingToken(),
                lease.resourceIds()));
        if (cancelled != null) {
            end(TaskOutcome.failure("cancelled (" + cancelled + ") as it was placed"));
            return;
        }
        auditEvent("task.placed", null, "PLACED", context.graph() + " run " + context.runId() + " task " + context.task()
                + " attempt " + context.attempt() + " placed on " + String.join(", ", lease.resourceIds()));
        Path dir = host.workingDirectories.apply(lease.resources().get(0));
        Map<String, String> env = TaskLeaseEnvironment.of(lease, dir);
        TaskExecution cmd = host.commands.launch(context, dir == null ? null : dir.toFile(), env);
        synchronized (this) {
            command = cmd;
            cancelled = cancelReason;
            long every = Math.max(1000, ttl.toMillis() / 2);
            renewal = host.timer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }
        if (cancelled != null) {
            cmd.cancel(cancelled);
        }
        String where = "lease " + lease.id() + " on " + String.join(", ", lease.resourceIds());
        cmd.started().thenAccept(local -> {
            auditEvent("task.started", "PLACED", "RUNNING", local + (dir == null ? "" : " in " + dir));
            started.complete(where + ", " + local);
        });
        cmd.outcome().whenComplete((o, e) -> end(o != null ? o : TaskOutcome.failure("launcher failed: " + e)));
    }

    private void notPlaced(Placement p) {
        String cancelled;
        synchronized (this) {
            cancelled = cancelReason;
        }
        publish(waitingStatus(p));
        outcome.complete(TaskOutcome.failure(cancelled != null
                ? "cancelled (" + cancelled + ") before it was placed" : "not placed: " + p.reason()));
    }

    /** The attempt is over: audit, release the lease (however it ended), then report. */
    private void end(TaskOutcome o) {
        Grant g;
        synchronized (this) {
            if (ending) {
                return;
            }
            ending = true;
            g = grant;
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
        auditEvent("task.ended", "RUNNING", o.succeeded() ? "SUCCEEDED" : "FAILED", o.message())
                .thenCompose(x -> host.engine.release(g.lease().id(), g.token()))
                .handle((l, e) -> outcome.complete(o));
    }

    private void renew() {
        Grant g;
        TaskExecution cmd;
        synchronized (this) {
            if (ending) {
                return;
            }
            g = grant;
            cmd = command;
        }
        host.engine.renew(g.lease().id(), g.token(), ttl).whenComplete((l, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause != null && !(cause instanceof RunwayException re && re.retryable())) {
                cmd.cancel("lease lost: " + cause.getMessage()); // its resources are no longer this task's
            }
        });
    }

    private CompletableFuture<Void> auditEvent(String type, String from, String to, String reason) {
        Grant g;
        synchronized (this) {
            g = grant;
        }
        AuditEvent event = new AuditEvent(host.clock.instant(), g.lease().id(), null, type, ACTOR, from, to, reason);
        return host.audit.commit(new StoreBatch(List.of(), List.of(), List.of(event), List.of(), 0))
                .exceptionally(e -> null); // the audit trail is best effort; the attempt goes on
    }

    private synchronized void publish(TaskPlacementStatus next) {
        if (next.equals(status)) {
            return;
        }
        status = next;
        listeners.forEach(l -> l.accept(next)); // listeners only queue a report
    }

    @Override
    public synchronized void onPlacement(Consumer<TaskPlacementStatus> listener) {
        listeners.add(listener);
        if (status != null) {
            listener.accept(status);
        }
    }

    @Override
    public CompletableFuture<String> started() {
        return started;
    }

    @Override
    public CompletableFuture<TaskOutcome> outcome() {
        return outcome;
    }

    @Override
    public void cancel(String reason) {
        TaskExecution cmd;
        Placement p;
        Grant g;
        synchronized (this) {
            if (cancelReason != null || outcome.isDone()) {
                return;
            }
            cancelReason = reason;
            cmd = command;
            p = placement;
            g = grant;
        }
        if (cmd != null) {
            cmd.cancel(reason); // its outcome ends the attempt and releases the lease
        } else if (g == null && p != null) {
            host.placements.cancel(p, reason); // the grant then fails and notPlaced reports
        }
        // granted but not yet launched: placed() sees the reason
    }
}
