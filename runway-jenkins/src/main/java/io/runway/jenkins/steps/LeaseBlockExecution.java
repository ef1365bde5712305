package io.runway.jenkins.steps;

import hudson.AbortException;
import io.runway.core.error.RunwayException;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.spec.Durations;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.lease.LeaseEnvironment;
import io.runway.jenkins.lease.LeaseKeeper;
import io.runway.jenkins.lease.LeaseKeepers;
import io.runway.jenkins.lease.LeaseLostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code lease} and {@code runwayTask} share: a block that runs while a lease is held. Subclasses ask
 * for the lease ({@link #request}) — the engine directly, or placement — and hand the reply to
 * {@link #granted}; from there this class saves the lease id and token with the program, exports the
 * lease's variables, keeps the lease renewed, interrupts the block if it is lost, releases it when the
 * block ends ({@link LeaseBodyCallback}) and picks all of this up again in {@link #onResume}.
 */
abstract class LeaseBlockExecution extends RunwayStepExecution {
    private static final long serialVersionUID = 1L;

    private final long ttlMillis;
    private final long waitMillis;
    private final String variable;
    protected String owner;
    protected long waitDeadlineMillis;
    private String leaseId;
    private String token;
    private TreeMap<String, String> env;
    private BodyExecution body;
    protected boolean stopped;

    private transient volatile Throwable stopCause;

    LeaseBlockExecution(StepContext context, long ttlMillis, long waitMillis, String variable) {
        super(context);
        this.ttlMillis = ttlMillis;
        this.waitMillis = waitMillis;
        this.variable = variable;
        if (variable != null && !LeaseEnvironment.isValidVariable(variable)) {
            throw new io.runway.core.error.InvalidInputException("variable",
                    "variable must be a name like HOSTS ([A-Za-z_][A-Za-z0-9_]*, not starting with RUNWAY_), got '" + variable + "'");
        }
    }

    /** Asks for the lease, waiting at most {@code waitFor}; the reply goes to {@link #granted}. Must not block. */
    abstract void request(RunwayHost host, Duration waitFor);

    /** Stops a request under way (the step was stopped); a grant that still arrives is released by {@link #granted}. */
    abstract void cancelRequest(RunwayHost host);

    /** The start of a failure message when nothing was granted, e.g. "Runway lease not granted". */
    abstract String notGranted();

    final long ttlMillis() {
        return ttlMillis;
    }

    final long waitMillis() {
        return waitMillis;
    }

    final void granted(RunwayHost host, Grant grant, Throwable error) {
        synchronized (this) {
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
                context().onFailure(new AbortException(notGranted() + ": " + message(error)));
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
                context().onFailure(new AbortException(notGranted() + ": the wait ended while Runway was restarting"));
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
        BodyExecution b;
        String id;
        String tok;
        synchronized (this) {
            stopped = true;
            stopCause = cause;
            b = body;
            id = leaseId;
            tok = token;
        }
        RunwayHost host = HostHolder.getOrNull();
        if (id == null && host != null) {
            cancelRequest(host); // the engine never grants a cancelled request
        }
        if (id != null) {
            LeaseKeepers.stop(id);
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
                context().onFailure(new AbortException(notGranted() + ": the wait ended while the controller was down"));
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

    static boolean retryable(Throwable error) {
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

    String token() {
        return token;
    }
}
