package io.runway.jenkins.tasks;

import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.placement.Placement;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunContext;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.lease.LeaseEnvironment;
import io.runway.jenkins.lease.LeaseKeeper;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** One attempt of a job task: placed, then built, then released. Never blocks a thread. */
final class JobTaskExecution implements TaskExecution {
    private final TaskRunContext context;
    private final Supplier<RunwayHost> hosts;
    private final JobTrigger trigger;
    private final Duration ttl;
    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
    private Placement placement;
    private Grant grant;
    private LeaseKeeper keeper;
    private JobTrigger.JobBuild build;
    private String cancelled;

    JobTaskExecution(TaskRunContext context, Supplier<RunwayHost> hosts, JobTrigger trigger, Duration ttl) {
        this.context = context;
        this.hosts = hosts;
        this.trigger = trigger;
        this.ttl = ttl;
    }

    void begin() {
        String job = context.spec().job();
        if (job == null) {
            outcome.complete(TaskOutcome.failure("task '" + context.task() + "' names no job: in Jenkins a task's work is a job's build (job: folder/name)"));
            return;
        }
        RunwayHost host = hosts.get();
        if (host == null) {
            outcome.complete(TaskOutcome.failure("not placed: Runway is not running on this controller"));
            return;
        }
        try {
            Placement p = host.placements().place(JobTaskLauncher.request(context, ttl));
            synchronized (this) {
                placement = p;
            }
            p.grant().whenComplete(this::placed);
        } catch (RuntimeException e) {
            outcome.complete(TaskOutcome.failure("not placed: " + e.getMessage()));
        }
    }

    private void placed(Grant g, Throwable error) {
        if (error != null) {
            String why;
            synchronized (this) {
                why = cancelled != null ? "cancelled before it was placed: " + cancelled : "not placed: " + message(error);
            }
            outcome.complete(TaskOutcome.failure(why));
            return;
        }
        RunwayHost host = hosts.get();
        if (host == null) { // Runway stopped between the grant and now; the lease ends at its TTL
            outcome.complete(TaskOutcome.failure("Runway stopped before the build of '" + context.spec().job() + "' started"));
            return;
        }
        String stop;
        synchronized (this) {
            stop = cancelled;
            if (stop == null) {
                grant = g;
            }
        }
        if (stop != null) {
            host.leases().release(g.lease().id(), g.token());
            outcome.complete(TaskOutcome.failure("cancelled before its build started: " + stop));
            return;
        }
        Lease lease = g.lease();
        LeaseKeeper k = LeaseKeeper.keep(() -> hosts.get().leases(), lease.id(), g.token(), ttl, lease.expiresAt(), host.clock(),
                host.executor(), why -> abort("Runway " + why));
        Map<String, String> parameters = new TreeMap<>(context.environment());
        parameters.putAll(LeaseEnvironment.of(lease, "RUNWAY_RESOURCE"));
        JobTrigger.JobBuild b;
        try {
            b = trigger.trigger(context.spec().job(), parameters);
        } catch (RuntimeException e) {
            k.close();
            host.leases().release(lease.id(), g.token());
            outcome.complete(TaskOutcome.failure("could not start job '" + context.spec().job() + "': " + e.getMessage()));
            return;
        }
        String late;
        synchronized (this) {
            keeper = k;
            build = b;
            late = cancelled;
        }
        b.started().thenAccept(d -> started.complete(d + " on " + String.join(", ", lease.resourceIds()) + " (lease " + lease.id() + ")"));
        b.completed().whenComplete(this::ended);
        if (late != null) {
            b.abort(late);
        }
    }

    private void ended(String result, Throwable error) {
        LeaseKeeper k;
        Grant g;
        String why;
        synchronized (this) {
            k = keeper;
            g = grant;
            why = cancelled;
        }
        if (k != null) {
            k.close();
        }
        RunwayHost host = hosts.get();
        if (g != null && host != null) {
            host.leases().release(g.lease().id(), g.token());
        }
        String job = context.spec().job();
        if (error != null) {
            outcome.complete(TaskOutcome.failure("lost track of the build of '" + job + "': " + message(error)));
        } else if ("SUCCESS".equals(result)) {
            outcome.complete(new TaskOutcome(true, 0, "build of '" + job + "' SUCCESS", ""));
        } else if ("ABORTED".equals(result) || "CANCELLED".equals(result)) {
            outcome.complete(TaskOutcome.failure("build of '" + job + "' " + result + (why == null ? "" : ": " + why)));
        } else {
            outcome.complete(new TaskOutcome(false, null, "build of '" + job + "' ended " + result, ""));
        }
    }

    private void abort(String reason) {
        JobTrigger.JobBuild b;
        synchronized (this) {
            b = build;
        }
        if (b != null) {
            b.abort(reason);
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
        Placement p;
        JobTrigger.JobBuild b;
        synchronized (this) {
            if (cancelled != null) {
                return;
            }
            cancelled = reason;
            p = placement;
            b = build;
        }
        if (b != null) {
            b.abort(reason);
        } else if (p != null) {
            RunwayHost host = hosts.get();
            if (host != null) {
                host.placements().cancel(p.id(), "scheduler", reason);
            }
        }
    }

    private static String message(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t.getMessage();
    }
}
