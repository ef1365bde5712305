package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.TrafficFeeder;
import io.runway.jenkins.host.RolloutProviderContribution;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * aws-ec2 rollouts from the Pipeline {@code rollout} step in a real Jenkins, against moto (started from runway-aws's
 * test-jar): the contribution is registered as an extension, and an inline {@code provider: 'aws-ec2'} canary runs to
 * PROMOTED on the controller's rollout service, its result map returned to the script. Credentials: blank setting,
 * so the spec's profile or the default chain; moto accepts the test keys the JVM is given below. Runs only in the
 * canonical build (mvn -f runway-jenkins-aws/pom.xml verify); it has not been run where this repository is developed.
 */
@WithJenkins
class Ec2RolloutsJenkinsTest {
    MotoFixture aws;

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void theContributionIsAnExtension(JenkinsRule r) {
        assertThat(RolloutProviderContribution.all()).hasAtLeastOneElementOfType(Ec2RolloutsContribution.class);
    }

    @Test
    void anInlineAwsCanaryIsPromotedFromAPipeline(JenkinsRule r) throws Exception {
        try (TrafficFeeder feeder = new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn,
                80, "shop", List.of("v1", "v2"))) {
            WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "aws-canary");
            p.setDefinition(new CpsFlowDefinition("""
                    def result = rollout(service: 'shop', version: 'v2', baseline: 'v1', provider: 'aws-ec2',
                        deploy: [command: ['/opt/shop/bin/shop', '--port', '${port}'],
                                 readiness: [path: '/health', timeout: '60s', interval: '1s']],
                        strategy: [canary: [steps: [[setWeight: 50], [pause: [duration: '2s']], [setWeight: 100]]]],
                        analysis: [interval: '1s', judge: 'threshold', maxErrorRate: 1, minimumRequests: 20,
                                   noDataTimeout: '60s'],
                        scaleDownDelay: '1s',
                        aws: [region: 'us-east-1', endpoint: '%s', launchTemplate: 'web', subnets: ['%s', '%s'],
                              vpc: '%s', loadBalancer: '%s', listenerPort: 80, targetPort: 8080, instances: 2,
                              maxInstances: 6, latencyStatistic: 'Average'])
                    echo "ended ${result.result} ${result.promoted}"
                    """.formatted(aws.server.endpoint(), aws.subnetA, aws.subnetB, aws.vpcId, aws.loadBalancerArn),
                    true));
            WorkflowRun b = r.buildAndAssertSuccess(p);
            r.assertLogContains("ended PROMOTED true", b);
        }
    }
}
