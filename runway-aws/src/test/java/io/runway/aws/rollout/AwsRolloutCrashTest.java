package io.runway.aws.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.aws.ec2.Ec2Capacity;
import io.runway.aws.ec2.Ec2Instance;
import io.runway.aws.ec2.Ec2Tags;
import io.runway.aws.moto.AwsLeftovers;
import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.TrafficFeeder;
import io.runway.core.deploy.Deployment;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runway running an AWS rollout in its own JVM is killed with SIGKILL mid-rollout (1% on the canary,
 * paused). A new host on the same state directory resumes the rollout from the store, adopts the
 * instances the dead one launched, and its sweep terminates an instance that no live rollout owns (as
 * one launched just before a crash, before its owner was recorded, would be).
 */
class AwsRolloutCrashTest {
    @TempDir
    Path dir;
    MotoFixture aws;

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void aRolloutSurvivesKill9AndTheSweepCleansUpAfterRestart() throws Exception {
        String yaml = AwsSpecs.yaml(aws, "[{setWeight: 1}, {pause: {}}, {setWeight: 100}]", "");
        Path specFile = dir.resolve("rollout.yaml");
        Files.writeString(specFile, yaml);
        Path state = dir.resolve("state");
        List<String> output = new ArrayList<>();
        try (TrafficFeeder feeder = new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn,
                80, "shop", List.of("v1", "v2"))) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AwsRolloutMain.class.getName(),
                    specFile.toString(), state.toString()).redirectErrorStream(true);
            pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            Process runway = pb.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(runway.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.contains("paused until promoted")) {
                    output.add(line);
                }
                assertThat(line).as("the rollout reached its pause:\n" + String.join("\n", output)).isNotNull();
                runway.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                assertThat(runway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(runway.exitValue()).isEqualTo(137);

            try (AwsRolloutHost host = new AwsRolloutHost(state, "shop", AwsSpecs.read(yaml).aws(),
                    MotoFixture.TEST_CREDENTIALS, AwsRolloutTest.FAST, (s, l) -> { }, Duration.ofMillis(100))) {
                // An instance of the pool whose owner no stored rollout knows: launched by this controller (same
                // state directory, same controller id) for a rollout that was never recorded.
                List<Ec2Instance> ghost = host.capacity().launch(new Ec2Capacity.LaunchRequest("r-ghost", 1,
                        Instant.now().plus(Duration.ofMinutes(10)), Map.of(Ec2Tags.DEPLOYMENT, "r-ghost.v9",
                        Ec2Tags.SERVICE, "shop", Ec2Tags.VERSION, "v9"), null, null));

                List<RolloutController> resumed = host.recover();
                assertThat(resumed).hasSize(1);
                RolloutController rollout = resumed.get(0);
                assertThat(rollout.state().phase()).isEqualTo(RolloutPhase.PAUSED);
                assertThat(rollout.state().canaryWeightBp()).isEqualTo(100);
                assertThat(host.capacity().instances(List.of(ghost.get(0).id())).get(0).isLive())
                        .as("the sweep terminated the orphan").isFalse();
                // The dead runway's instances were adopted, not launched again.
                assertThat(host.deployer().deployments()).extracting(Deployment::version).containsExactlyInAnyOrder("v1", "v2");
                assertThat(host.capacity().liveInstances()).hasSize(4);
                assertThat(host.router().listenerWeights("shop")).containsValues(10, 989);

                rollout.promote("alice");
                RolloutState end = rollout.finished().orTimeout(60, TimeUnit.SECONDS).join();
                assertThat(end.phase()).isEqualTo(RolloutPhase.PROMOTED);
                AwsRolloutTest.awaitVersions(host, List.of("v2"));
                assertThat(feeder.weightsSeen().get(feeder.weightsSeen().size() - 1)).isEqualTo(Map.of("v2", 999));

                host.teardown();
                assertThat(AwsLeftovers.of(aws)).isEmpty();
            }
        }
    }
}
