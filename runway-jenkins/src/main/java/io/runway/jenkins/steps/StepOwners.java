package io.runway.jenkins.steps;

import hudson.model.Run;
import io.runway.jenkins.host.Owners;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Who a step acts for: its build, by externalizable id (found again after a restart). */
final class StepOwners {
    private StepOwners() {}

    static String of(StepContext context) throws java.io.IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        // Run is a required context, so inside Jenkins it is always there; a context without one (a unit
        // test's) still gets an owner no other build shares.
        return run == null ? Owners.build("detached#" + UUID.randomUUID()) : Owners.build(run.getExternalizableId());
    }
}
