package io.runway.jenkins.steps;

import io.runway.core.label.LabelExpression;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.spec.Durations;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.host.StepDefaults;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code lease { ... }}. Waiting holds no thread: the engine's future completes the wait and starts the
 * body. The lease id, token and wait deadline are saved with the program, so after a controller restart
 * {@code onResume} keeps renewing a lease that is still active, interrupts a body whose lease ended while
 * the controller was down, or asks again for a lease that was still being waited for (all in
 * {@link LeaseBlockExecution}, shared with {@code runwayTask}).
 */
public class LeaseStepExecution extends LeaseBlockExecution {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final String capability;
    private final int count;
    private final int priority;

    private transient volatile CompletableFuture<Grant> pending;

    LeaseStepExecution(LeaseStep step, StepContext context) {
        super(context,
                step.getTtl() == null ? StepDefaults.get().leaseTtl().toMillis() : Durations.parse(step.getTtl(), "ttl").toMillis(),
                step.getWait() == null ? StepDefaults.get().leaseWait().toMillis() : Durations.parse(step.getWait(), "wait").toMillis(),
                step.getVariable());
        this.pool = step.getPool();
        this.capability = step.getCapability();
        this.count = step.getCount();
        this.priority = step.getPriority();
        if (count < 1) {
            throw new io.runway.core.error.InvalidInputException("count", "count must be at least 1, got " + count);
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
        waitDeadlineMillis = host.clock().millis() + waitMillis();
        StepLog.println(context(), "Waiting for " + count + " resource(s)" + (pool == null ? "" : " of pool " + pool)
                + (capability == null ? "" : " matching " + capability) + " for up to " + Durations.format(Duration.ofMillis(waitMillis())));
        request(host, Duration.ofMillis(waitMillis()));
        return false;
    }

    @Override
    void request(RunwayHost host, Duration waitFor) {
        LeaseRequest req = new LeaseRequest(owner, pool, capability == null ? null : LabelExpression.parse(capability, "capability"),
                count, Duration.ofMillis(ttlMillis()), waitFor, priority);
        CompletableFuture<Grant> reply = host.leases().acquire(req);
        pending = reply;
        reply.whenComplete((grant, error) -> {
            pending = null;
            granted(host, grant, error);
        });
    }

    @Override
    void cancelRequest(RunwayHost host) {
        CompletableFuture<Grant> waiting = pending;
        if (waiting != null) {
            waiting.cancel(false); // the engine never grants a cancelled request
        }
    }

    @Override
    String notGranted() {
        return "Runway lease not granted";
    }

    @Override
    public String getStatus() {
        return leaseId() == null ? "waiting for a lease" : "holding lease " + leaseId();
    }
}
