package io.runway.jenkins.steps;

import hudson.model.Run;
import io.runway.core.lease.Lease;
import io.runway.core.rollout.RolloutState;
import io.runway.jenkins.ui.RunwayBuildAction;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Writes what a build leased and deployed into its {@link RunwayBuildAction}. */
public final class BuildRecords {
    private BuildRecords() {}

    static void leased(StepContext context, Lease lease) {
        Run<?, ?> run = run(context);
        if (run != null) {
            leased(run, lease);
        }
    }

    public static void leased(Run<?, ?> run, Lease lease) {
        action(run).addLease(new RunwayBuildAction.LeaseEntry(lease.id(), lease.resourceIds(), lease.fencingToken(),
                String.valueOf(lease.grantedAt())));
        save(run);
    }

    static void rollout(StepContext context, RolloutState state) {
        Run<?, ?> run = run(context);
        if (run != null) {
            rollout(run, state);
        }
    }

    public static void rollout(Run<?, ?> run, RolloutState state) {
        var spec = state.spec();
        var f = spec.fingerprint();
        String fingerprint = spec.service() + " " + spec.version() + (f == null ? "" : " by " + f.deployedBy()
                + (f.commit() == null ? "" : " commit " + f.commit()) + (f.artifact() == null ? "" : " artifact " + f.artifact()));
        action(run).putRollout(new RunwayBuildAction.RolloutEntry(state.id(), spec.service(), spec.version(),
                state.phase().isTerminal() ? state.phase().name() : null, state.reason(), fingerprint));
        save(run);
    }

    private static synchronized RunwayBuildAction action(Run<?, ?> run) {
        RunwayBuildAction a = run.getAction(RunwayBuildAction.class);
        if (a == null) {
            a = new RunwayBuildAction();
            run.addOrReplaceAction(a);
        }
        return a;
    }

    private static void save(Run<?, ?> run) {
        try {
            run.save();
        } catch (java.io.IOException e) {
            // The record is a convenience; the lease and rollout themselves are in Runway's store.
        }
    }

    private static Run<?, ?> run(StepContext context) {
        try {
            return context.get(Run.class);
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
