package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.ParametersAction;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskScheduler;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A task graph configured on the controller whose tasks are builds of real jobs: run now, the second job
 * builds only after the first succeeded, each with its placement's lease as parameters. Runs only in the
 * canonical build; NOT run where this repository is developed (no access to repo.jenkins-ci.org).
 */
class CronGraphJenkinsTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aGraphRunBuildsItsJobsInDependencyOrder() throws Throwable {
        sessions.then(r -> {
            WorkflowJob extract = r.jenkins.createProject(WorkflowJob.class, "extract");
            extract.setDefinition(new CpsFlowDefinition("echo \"extract on ${params.RUNWAY_RESOURCE_0} lease ${params.RUNWAY_LEASE_ID}\"", true));
            WorkflowJob load = r.jenkins.createProject(WorkflowJob.class, "load");
            load.setDefinition(new CpsFlowDefinition("echo \"load task ${params.RUNWAY_TASK}\"", true));
            RunwayConfiguration.get().setPools("pools:\n  - name: batch\n    resources:\n      - {name: b-1, labels: [linux]}\n");
            RunwayConfiguration.get().setTaskGraphs("""
                    name: etl
                    schedule: {cron: "H 2 * * *"}
                    tasks:
                      - {name: extract, job: extract, requirements: {pool: batch}}
                      - {name: load, job: load, dependsOn: [extract], requirements: {pool: batch}}
                    """);
            TaskScheduler tasks = RunwayService.get().host().tasks();
            GraphRun run = tasks.trigger("etl");

            while (tasks.run(run.id()).orElseThrow().state() != GraphRunState.SUCCEEDED) {
                assertThat(tasks.run(run.id()).orElseThrow().state().isTerminal()).as("the run ends SUCCEEDED").isFalse();
                Thread.sleep(200); // a condition poll bounded by the test's timeout, not a timing assertion
            }
            WorkflowRun e = extract.getBuildByNumber(1);
            WorkflowRun l = load.getBuildByNumber(1);
            r.assertBuildStatusSuccess(e);
            r.assertBuildStatusSuccess(l);
            r.assertLogContains("extract on b-1 lease ", e);
            r.assertLogContains("load task load", l);
            assertThat(l.getStartTimeInMillis()).isGreaterThanOrEqualTo(e.getStartTimeInMillis() + e.getDuration());
            assertThat(e.getAction(ParametersAction.class).getParameter("RUNWAY_GRAPH").getValue()).isEqualTo("etl");
        });
    }

    @Test
    void anInvalidGraphIsRefusedAndTheOldOneKept() throws Throwable {
        sessions.then(r -> {
            RunwayConfiguration.get().setTaskGraphs("name: ok\ntasks: [{name: t, job: j}]\n");
            try {
                RunwayConfiguration.get().setTaskGraphs("name: bad\ntasks: [{name: t}]\n");
            } catch (io.runway.core.error.InvalidInputException expected) {
                assertThat(expected.getMessage()).contains("runway task graphs:2:").contains("tasks[0].command");
            }
            assertThat(RunwayConfiguration.get().taskGraphSpecs()).extracting(g -> g.name()).containsExactly("ok");
            assertThat(RunwayConfiguration.checkTaskGraphs("name: bad\ntasks: [{name: t}]\n").kind)
                    .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        });
    }
}
