package io.runway.jenkins.steps;

import hudson.AbortException;
import io.runway.core.error.ForbiddenException;
import io.runway.core.error.RunwayException;
import io.runway.core.lease.Lease;
import io.runway.core.rollout.RolloutState;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RolloutOwners;
import io.runway.jenkins.host.RunwayHost;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code teardown}: asks the engines to end leases and roll back rollouts (both idempotent, so after
 * a restart {@link #onResume} asks again) and returns the ids it ended. A build may only tear down what
 * it owns.
 */
public class TeardownStepExecution extends RunwayStepExecution {
    private static final long serialVersionUID = 1L;

    private final String lease;
    private final String rollout;
    private String owner;

    TeardownStepExecution(String lease, String rollout, StepContext context) {
        super(context);
        if (lease != null && rollout != null) {
            throw new io.runway.core.error.InvalidInputException("lease", "give lease: or rollout: (or neither, for everything of this build), not both");
        }
        this.lease = lease;
        this.rollout = rollout;
    }

    @Override
    public boolean start() throws Exception {
        owner = StepOwners.of(context());
        return run();
    }

    private boolean run() {
        try {
            RunwayHost host = HostHolder.get();
            List<String> ended = new ArrayList<>();
            if (lease != null) {
                Lease l = host.leases().lease(lease).orElseThrow(() -> new io.runway.core.error.NotFoundException("lease", "no lease " + lease));
                requireOwned(l.owner(), "lease " + lease);
                host.leases().revoke(lease, owner, "teardown step");
                ended.add(lease);
            } else if (rollout != null) {
                RolloutState r = host.rollouts().get(rollout).state();
                requireOwned(RolloutOwners.ownerOf(r.spec()), "rollout " + rollout);
                host.rollouts().abort(rollout, "jenkins teardown (" + owner + ")");
                ended.add(rollout);
            } else {
                ended.addAll(host.teardown(owner));
            }
            StepLog.println(context(), ended.isEmpty() ? "Nothing to tear down" : "Tearing down " + String.join(", ", ended));
            context().onSuccess(ended);
        } catch (RunwayException e) {
            context().onFailure(new AbortException("teardown: " + e.getMessage()));
        }
        return true;
    }

    private void requireOwned(String thingOwner, String what) {
        if (!owner.equals(thingOwner)) {
            throw new ForbiddenException(what + " belongs to " + thingOwner + ", not to this build; use the Runway page to revoke it");
        }
    }

    @Override
    public void onResume() {
        run();
    }
}
