package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.runway.core.lease.LeaseState;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import io.runway.jenkins.steps.LeaseStep;

/**
 * The lease step in a real Pipeline: environment, hand-off to a waiting build, release at the end, and a
 * controller restart in the middle of the block. Runs only in the canonical build.
 */
class LeaseStepJenkinsTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void leaseWaitsHandsOverAndSurvivesARestart() throws Throwable {
        sessions.then(r -> {
            RunwayConfiguration.get().setPools("pools:\n  - name: solo\n    resources:\n      - {name: solo-1}\n");
            WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "lease(pool: 'solo', ttl: '1m', variable: 'R') { echo \"have ${env.R} fence ${env.RUNWAY_FENCING_TOKEN}\"; semaphore 'inside' }",
                    true));
            WorkflowRun b1 = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("inside/1", b1);
            r.assertLogContains("have solo-1 fence", b1);
            WorkflowRun b2 = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for 1 resource(s) of pool solo", b2);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b1 = p.getBuildByNumber(1);
            WorkflowRun b2 = p.getBuildByNumber(2);
            r.waitForMessage("Controller restarted; still holding lease", b1);
            SemaphoreStep.success("inside/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(b1));
            SemaphoreStep.waitForStart("inside/2", b2);
            SemaphoreStep.success("inside/2", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(b2));
            assertThat(RunwayService.get().host().leases().leases())
                    .allMatch(l -> l.state() == LeaseState.RELEASED);
        });
    }

    @Test
    void abortingTheBuildReleasesTheLease() throws Throwable {
        sessions.then(r -> {
            RunwayConfiguration.get().setPools("pools:\n  - name: solo\n    resources:\n      - {name: solo-1}\n");
            WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("lease(pool: 'solo') { semaphore 'inside' }", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("inside/1", b);
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            assertThat(RunwayService.get().host().leases().leases()).allMatch(l -> l.state().isTerminal());
        });
    }

    @Test
    void theStepsConfigurationRoundTrips() throws Throwable {
        sessions.then(r -> {
            LeaseStep s = new LeaseStep();
            s.setPool("web");
            s.setCapability("linux && !arm");
            s.setCount(2);
            s.setTtl("10m");
            s.setWait("1h");
            s.setPriority(3);
            s.setVariable("HOSTS");
            r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
        });
    }
}
