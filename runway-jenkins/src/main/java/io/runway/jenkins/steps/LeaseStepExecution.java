package io.runway.jenkins.steps;

import hudson.AbortException;
import io.runway.core.error.RunwayException;
import io.runway.core.label.LabelExpression;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.spec.Durations;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.host.StepDefaults;
import io.runway.jenkins.lease.LeaseEnvironment;
import io.runway.jenkins.lease.LeaseKeeper;
import io.runway.jenkins.lease.LeaseKeepers;
import io.runway.jenkins.lease.LeaseLostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code lease { ... }}. Waiting holds no thread: the engine's future completes the wait and starts the
 * body. The lease id, token and wait deadline are saved with the program, so after a controller restart
 * {@link #onResume} keeps renewing a lease that is still active, interrupts a body whose lease ended while
 * the controller was down, or asks again for a lease that was still being waited for. The body's callback
 * ({@link LeaseBodyCallback}) releases the lease however the body ends.
 */
public class LeaseStepExecution extends RunwayStepExecution {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final String capability;
    private final int count;
    private final long ttlMillis;
    private final long waitMillis;
    private final int priority;
    private final String variable;
    private String owner;
    private long waitDeadlineMillis;
    private String leaseId;
    private String token;
    private TreeMap<String, String> env;
    private BodyExecution body;
    private boolean stopped;

    private transient volatile CompletableFuture<Grant> pending;
    private transient volatile Throwable stopCause;

    LeaseStepExecution(LeaseStep step, StepContext context) {
        super(context);
        StepDefaults defaults = StepDefaults.get();
        this.pool = step.getPool();
        this.capability = step.getCapability();
        this.count = step.getCount();
        this.ttlMillis = step.getTtl() == null ? defaults.leaseTtl().toMillis() : Durations.parse(step.getTtl(), "ttl").toMillis();
        this.waitMillis = step.getWait() == null ? defaults.leaseWait().toMillis() : Durations.parse(step.getWait(), "wait").toMillis();
        this.priority = step.getPriority();
        this.variable = step.getVariable();
        if (count < 1) {
            throw new io.runway.core.error.InvalidInputException("count", "count must be at least 1, got " + count);
        }
        if (variable != null && !LeaseEnvironment.isValidVariable(variable)) {
            throw new io.runway.core.error.InvalidInputException("variable",
                    "variable must be a name like HOSTS ([A-Za-z_][A-Za-z0-9_]*, not starting with RUNWAY_), got '" + variable + "'");
        }
        if (capability != null) {
            LabelExpression.parse(capability, "capability"); // a bad expression fails the step before it waits
        }
    }

    @Override
    public boolean start() throws Exception {
        owner = StepOwners.of(context());
        RunwayHost host = HostHolder.get();
        io.runway.jenkins.SafetyRails.checkShare(pool, count, host.leases().resources(), StepDefaults.get().maxPoolSharePercent());
        waitDeadlineMillis = host.clock().millis() + waitMillis;
        StepLog.println(context(), "Waiting for " + count + " resource(s)" + (pool == null ? "" : " of pool " + pool)
                + (capability == null ? "" : " matching " + capability) + " for up to " + Durations.format(Duration.ofMillis(waitMillis)));
        request(host, Duration.ofMillis(waitMillis));
        return false;
    }

    private void request(RunwayHost host, Duration waitFor) {
        LeaseRequest req = new LeaseRequest(owner, pool, capability == null ? null : LabelExpression.parse(capability, "capability"),
                count, Duration.ofMillis(ttlMillis), waitFor, priority);
        CompletableFuture<Grant> reply = host.leases().acquire(req);
        pending = reply;
        reply.whenComplete((grant, error) -> granted(host, grant, error));
    }

    private void granted(RunwayHost host, Grant grant, Throwable error) {
        synchronized (this) {
            pending = null;
            if (error != null) {
                if (stopped || error instanceof CancellationException) {
                    return;
                }
                long left = waitDeadlineMillis - host.clock().millis();
                if (retryable(error) && left > 0) {
                    if (HostHolder.isShuttingDown()) {
                        return; // saved with the program; onResume asks again after the restart
                    }
                    if (HostHolder.getOrNull() != host) {
                        retryLater(host); // the engine is being replaced (configuration saved)
                        return;
                    }
                }
                context().onFailure(new AbortException("Runway lease not granted: " + message(error)));
                return;
            }
            if (stopped) {
                host.leases().release(grant.lease().id(), grant.token());
                return;
            }
            leaseId = grant.lease().id();
            token = grant.token();
            env = LeaseEnvironment.of(grant.lease(), variable);
        }
        Lease lease = grant.lease();
        StepLog.println(context(), "Leased " + String.join(", ", lease.resourceIds()) + " (lease " + leaseId
                + ", fencing token " + lease.fencingToken() + ", expires " + lease.expiresAt() + " unless renewed)");
        BuildRecords.leased(context(), lease);
        keepAlive(host, lease.expiresAt());
        context().saveState(); // the lease id and token are on disk before the body can run
        startBody();
    }

    /** Asks again on the controller's new engine once there is one; the wait's deadline still holds. */
    private void retryLater(RunwayHost old) {
        old.executor().schedule(() -> {
            RunwayHost now = HostHolder.getOrNull();
            long left = waitDeadlineMillis - old.clock().millis();
            if (stopped || HostHolder.isShuttingDown()) {
                return;
            }
            if (left <= 0) {
                context().onFailure(new AbortException("Runway lease not granted: the wait ended while Runway was restarting"));
            } else if (now == null || now == old) {
                retryLater(old);
            } else {
                request(now, Duration.ofMillis(left));
            }
        }, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void startBody() {
        try {
            EnvironmentExpander outer = context().get(EnvironmentExpander.class);
            BodyExecution started = context().newBodyInvoker()
                    .withContext(new LeaseExpander(outer, env))
                    .withCallback(new LeaseBodyCallback(leaseId, token))
                    .start();
            Throwable stopFirst;
            synchronized (this) {
                body = started;
                stopFirst = stopped ? stopCause : null;
            }
            if (stopFirst != null) {
                started.cancel(stopFirst); // stop() came while the block was starting
            }
        } catch (Exception e) {
            LeaseKeepers.stop(leaseId);
            HostHolder.get().leases().release(leaseId, token);
            context().onFailure(e);
        }
    }

    private void keepAlive(RunwayHost host, Instant expiresAt) {
        LeaseKeepers.put(leaseId, LeaseKeeper.keep(() -> HostHolder.get().leases(), leaseId, token, Duration.ofMillis(ttlMillis), expiresAt,
                host.clock(), host.executor(), this::lost));
    }

    private void lost(String why) {
        String message = "Runway " + why + "; the lease block was interrupted";
        StepLog.println(context(), message);
        BodyExecution b;
        synchronized (this) {
            b = body;
        }
        if (b != null) {
            b.cancel(new LeaseLostException(message));
        } else {
            context().onFailure(new LeaseLostException(message));
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        CompletableFuture<Grant> waiting;
        BodyExecution b;
        String id;
        String tok;
        synchronized (this) {
            stopped = true;
            stopCause = cause;
            waiting = pending;
            b = body;
            id = leaseId;
            tok = token;
        }
        if (waiting != null) {
            waiting.cancel(false); // the engine never grants a cancelled request
        }
        if (id != null) {
            LeaseKeepers.stop(id);
            RunwayHost host = HostHolder.getOrNull();
            if (host != null) {
                host.leases().release(id, tok);
            }
        }
        if (b != null) {
            b.cancel(cause);
        }
        context().onFailure(cause);
    }

    @Override
    public void onResume() {
        RunwayHost host;
        try {
            host = HostHolder.get();
        } catch (RunwayException e) {
            context().onFailure(e);
            return;
        }
        if (leaseId == null) {
            long left = waitDeadlineMillis - host.clock().millis();
            if (left < 0) {
                context().onFailure(new AbortException("Runway lease not granted: the wait ended while the controller was down"));
                return;
            }
            StepLog.println(context(), "Controller restarted while waiting; asking again (wait left "
                    + Durations.format(Duration.ofMillis(left)) + ")");
            request(host, Duration.ofMillis(left));
            return;
        }
        Optional<Lease> lease = host.leases().lease(leaseId);
        if (lease.isEmpty() || lease.get().state().isTerminal()) {
            lost(lease.map(l -> "lease " + l.id() + " is " + l.state() + (l.endReason() == null ? "" : " (" + l.endReason() + ")"))
                    .orElse("lease " + leaseId + " is gone") + " after the controller restarted");
            return;
        }
        StepLog.println(context(), "Controller restarted; still holding lease " + leaseId);
        keepAlive(host, lease.get().expiresAt());
        if (body == null) {
            startBody(); // the restart came between saving the grant and starting the block
        }
    }

    @Override
    public String getStatus() {
        return leaseId == null ? "waiting for a lease" : "holding lease " + leaseId;
    }

    private static boolean retryable(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof RunwayException re && re.retryable();
    }

    static String message(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t.getMessage();
    }

    String leaseId() {
        return leaseId;
    }
}
