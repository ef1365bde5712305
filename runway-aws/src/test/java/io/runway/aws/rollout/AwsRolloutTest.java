package io.runway.aws.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.aws.cloudwatch.TargetHealthSource;
import io.runway.aws.ec2.Ec2Deployer;
import io.runway.aws.moto.AwsLeftovers;
import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.TrafficFeeder;
import io.runway.core.deploy.Deployment;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole rollouts on the AWS parts against moto: instances per version from a launch template, a target
 * group per version behind a listener, weights shifted 1% → 100%, health judged from CloudWatch metrics
 * that {@link TrafficFeeder} writes by the weights it reads back from the listener (moto carries no real
 * traffic), rollback on injected 5xx, and teardown leaving nothing tagged.
 */
class AwsRolloutTest {
    static final Ec2Deployer.Options FAST = new Ec2Deployer.Options(2, 8080, Duration.ofMinutes(1),
            Duration.ofMillis(200), Duration.ofMillis(500));

    @TempDir
    Path dir;
    MotoFixture aws;
    final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private AwsRolloutHost host(String yaml) {
        return new AwsRolloutHost(dir.resolve("state"), "shop", AwsSpecs.read(yaml).aws(), MotoFixture.TEST_CREDENTIALS,
                FAST, (s, l) -> lines.add(l), Duration.ofMillis(100));
    }

    @Test
    void aHealthyCanaryGoesFrom1To100PercentAndTheBaselineIsTornDown() {
        String yaml = AwsSpecs.yaml(aws, "[{setWeight: 1}, {pause: {duration: 2s}}, {setWeight: 50}, {pause: {duration: 2s}}, {setWeight: 100}]", "");
        try (AwsRolloutHost host = host(yaml);
             TrafficFeeder feeder = new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn,
                     80, "shop", List.of("v1", "v2"))) {
            host.recover();
            RolloutController rollout = host.rollouts().start(AwsSpecs.read(yaml));
            RolloutState end = rollout.finished().orTimeout(120, TimeUnit.SECONDS).join();
            assertThat(end.phase()).as(String.join("\n", lines)).isEqualTo(RolloutPhase.PROMOTED);

            // The listener really carried 1% (10 of 999), then 50%, then everything to v2.
            assertThat(feeder.weightsSeen()).contains(Map.of("v2", 10, "v1", 989), Map.of("v2", 500, "v1", 500));
            assertThat(feeder.weightsSeen().get(feeder.weightsSeen().size() - 1)).isEqualTo(Map.of("v2", 999));
            // The gates judged CloudWatch numbers, not an empty reading.
            assertThat(lines).anyMatch(l -> l.contains("weight 1%") && l.contains("v2: ") && l.contains(" req, 0.00% err"));

            // Health read back from the load balancer: v2's two instances are healthy targets.
            String v2Group = host.targetGroups().require("shop", "v2");
            TargetHealthSource.Summary health = new TargetHealthSource(aws.clients.elb()).read(v2Group);
            assertThat(health.allHealthy()).isTrue();
            assertThat(health.states()).hasSize(2);

            awaitVersions(host, List.of("v2"));
            assertThat(host.targetGroups().find("shop", "v1")).as("the loser's target group is deleted").isEmpty();

            host.teardown();
            assertThat(AwsLeftovers.of(aws)).isEmpty();
        }
    }

    @Test
    void aCanaryAnswering5xxIsRolledBackOnCloudWatchNumbers() {
        String yaml = AwsSpecs.yaml(aws, "[{setWeight: 5}, {pause: {}}, {setWeight: 100}]", "");
        try (AwsRolloutHost host = host(yaml);
             TrafficFeeder feeder = new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn,
                     80, "shop", List.of("v1", "v2"))) {
            feeder.makeBad("v2");
            host.recover();
            RolloutState end = host.rollouts().start(AwsSpecs.read(yaml)).finished().orTimeout(120, TimeUnit.SECONDS).join();
            assertThat(end.phase()).as(String.join("\n", lines)).isEqualTo(RolloutPhase.ROLLED_BACK);
            assertThat(end.reason()).contains("error rate");
            // Traffic went back to v1 alone, and v2's instances were terminated.
            assertThat(host.router().listenerWeights("shop")).containsOnlyKeys(host.targetGroups().require("shop", "v1"));
            awaitVersions(host, List.of("v1"));

            host.teardown();
            assertThat(AwsLeftovers.of(aws)).isEmpty();
        }
    }

    static void awaitVersions(AwsRolloutHost host, List<String> versions) {
        awaitVersions(host.deployer(), versions);
    }

    static void awaitVersions(AwsRolloutBackend backend, List<String> versions) {
        awaitVersions(backend.deployer(), versions);
    }

    static void awaitVersions(Ec2Deployer deployer, List<String> versions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!deployer.deployments().stream().map(Deployment::version).sorted().toList().equals(versions)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(deployer.deployments()).extracting(Deployment::version).containsExactlyInAnyOrderElementsOf(versions);
    }
}
