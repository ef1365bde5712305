package io.runway.jenkins.steps;

import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.lease.LeaseKeepers;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Ends a lease when its block ends, whether the block succeeded, failed or was stopped, then passes the
 * block's outcome on. Persisted with the program (only the lease id and token), so it also releases
 * after a restart. Runs on the CPS thread: the release is handed to the engine and not waited for.
 */
final class LeaseBodyCallback extends BodyExecutionCallback {
    private static final long serialVersionUID = 1L;

    private final String leaseId;
    private final String token;

    LeaseBodyCallback(String leaseId, String token) {
        this.leaseId = leaseId;
        this.token = token;
    }

    @Override
    public void onSuccess(StepContext context, Object result) {
        release(context);
        context.onSuccess(result);
    }

    @Override
    public void onFailure(StepContext context, Throwable t) {
        release(context);
        context.onFailure(t);
    }

    private void release(StepContext context) {
        LeaseKeepers.stop(leaseId);
        RunwayHost host = HostHolder.getOrNull();
        if (host == null) {
            StepLog.println(context, "Runway is not running; lease " + leaseId + " ends when its build ends or its TTL runs out");
            return;
        }
        StepLog.println(context, "Releasing lease " + leaseId);
        host.leases().release(leaseId, token).whenComplete((lease, error) -> {
            if (error != null) {
                StepLog.println(context, "Could not release lease " + leaseId + ": " + LeaseStepExecution.message(error)
                        + " (it ends with the build or at its TTL)");
            }
        });
    }
}
