package io.runway.jenkins;

import io.runway.core.deploy.local.TestVersionMain;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A canary on the local provider from a Pipeline, promoted by rolloutPromote from a parallel branch, and
 * an abort that marks the build UNSTABLE. Runs only in the canonical build.
 */
@WithJenkins
class RolloutStepJenkinsTest {
    private static String inlineRollout(String onRollback) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString().replace("\\", "/");
        String cp = Path.of(TestVersionMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString().replace("\\", "/");
        return "rollout(service: 'shop', version: 'v2', baseline: 'v1', scaleDownDelay: '0s', onRollback: '" + onRollback + "',\n"
                + "  deploy: [command: ['" + java + "', '-Xmx48m', '-cp', '" + cp + "', '" + TestVersionMain.class.getName()
                + "', '--port', '${port}', '--version', '${version}'], readiness: [path: '/health', timeout: '60s']],\n"
                + "  strategy: [canary: [steps: [[setWeight: 50], [pause: [:]]]]])";
    }

    @Test
    void aCanaryIsPromotedFromAParallelBranch(JenkinsRule r) throws Exception {
        WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "canary");
        p.setDefinition(new CpsFlowDefinition("def result\n"
                + "parallel(run: { result = " + inlineRollout("FAILURE") + " },\n"
                + "         promote: { waitUntil { try { rolloutPromote(service: 'shop'); return true } catch (e) { return false } } })\n"
                + "echo \"rollout ended ${result.result}\"", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("rollout ended PROMOTED", b);
        r.assertLogContains("[runway] Started rollout", b);
    }

    @Test
    void anAbortedCanaryMarksTheBuildUnstable(JenkinsRule r) throws Exception {
        WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "abort");
        p.setDefinition(new CpsFlowDefinition("parallel(run: { " + inlineRollout("UNSTABLE") + " },\n"
                + "         abort: { waitUntil { try { rolloutAbort(service: 'shop'); return true } catch (e) { return false } } })", true));
        r.assertBuildStatus(hudson.model.Result.UNSTABLE, p.scheduleBuild2(0));
    }
}
