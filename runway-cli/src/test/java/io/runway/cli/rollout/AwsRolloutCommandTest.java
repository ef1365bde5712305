package io.runway.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.aws.ec2.Ec2Tags;
import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.TrafficFeeder;
import io.runway.cli.CliRun;
import io.runway.cli.ExitCodes;
import io.runway.core.spec.SpecKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runway rollout -f SPEC} with {@code provider: aws-ec2}, in-process, against moto: the command
 * builds the AWS host from the spec alone (credentials from the default chain, here the {@code aws.*}
 * system properties), prints progress, and exits 0 when promoted, 3 when rolled back on injected 5xx.
 * {@link TrafficFeeder} writes the CloudWatch numbers the gates judge, by the weights it reads back from
 * the emulated listener.
 */
class AwsRolloutCommandTest {
    @TempDir
    Path dir;
    MotoFixture aws;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private Path spec(String steps) throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, io.runway.aws.rollout.AwsSpecs.yaml(aws, steps, "", 1, 4));
        return file;
    }

    private TrafficFeeder feeder() {
        return new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn, 80, "shop",
                List.of("v1", "v2"));
    }

    @Test
    void aHealthyAwsCanaryIsPromotedAndTheCommandExits0() throws IOException {
        Path spec = spec("[{setWeight: 10}, {pause: {duration: 2s}}, {setWeight: 100}]");
        try (TrafficFeeder feeder = feeder()) {
            CliRun run = CliRun.of("rollout", "-f", spec.toString(), "--state-dir", dir.resolve("state").toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("routing shop on load balancer " + aws.loadBalancerArn + " port 80")
                    .contains("weight 10%").contains("result: PROMOTED");
            // The emulated listener really carried the canary split, then v2 alone.
            assertThat(feeder.weightsSeen()).contains(Map.of("v2", 100, "v1", 899));
            assertThat(feeder.weightsSeen().get(feeder.weightsSeen().size() - 1)).isEqualTo(Map.of("v2", 999));
        }
        assertThat(runningVersions()).contains("v2");
    }

    @Test
    void anAwsCanaryAnswering5xxIsRolledBackAndTheCommandExits3() throws IOException {
        Path spec = spec("[{setWeight: 5}, {pause: {}}, {setWeight: 100}]");
        try (TrafficFeeder feeder = feeder()) {
            feeder.makeBad("v2");
            CliRun run = CliRun.of("rollout", "-f", spec.toString(), "--state-dir", dir.resolve("state").toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.ROLLED_BACK);
            assertThat(run.out()).contains("result: ROLLED_BACK").contains("error rate");
            assertThat(feeder.weightsSeen()).noneMatch(w -> w.getOrDefault("v2", 0) > 50);
        }
    }

    @Test
    void anUnfinishedRolloutOfTheStateDirIsResumedInsteadOfStartingTheSpec() throws IOException {
        Path spec = spec("[{setWeight: 10}, {pause: {duration: 2s}}, {setWeight: 100}]");
        Path state = dir.resolve("state");
        String id;
        // A first runner starts the rollout and goes away before it ends (as if killed): AWS keeps its instances.
        try (AwsRolloutHost first = new AwsRolloutHost(state, "shop",
                SpecKind.ROLLOUT.reader().readFile(spec).orThrow().aws(), MotoFixture.TEST_CREDENTIALS, null,
                (s, l) -> { }, Duration.ofMillis(200))) {
            first.recover();
            id = first.rollouts().start(SpecKind.ROLLOUT.reader().readFile(spec).orThrow()).state().id();
        }
        Files.writeString(spec, Files.readString(spec).replace("version: v2", "version: v3"));
        try (TrafficFeeder feeder = feeder()) {
            CliRun run = CliRun.of("rollout", "-f", spec.toString(), "--state-dir", state.toString());
            // The leftover v2 is followed to its promotion, but that is not the v3 the pipeline asked for.
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(run.out()).contains("resuming unfinished rollout " + id + " of shop v2 (not starting " + spec + ")")
                    .contains("result: PROMOTED")
                    .contains(spec + " was not started: the resumed rollout " + id + " deployed v2 over v1, not v3 over v1");
        }
    }

    @Test
    void anInvalidAwsSpecExits2WithItsLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                service: shop
                version: v2
                provider: aws-ec2
                deploy:
                  command: [/opt/shop/bin/shop]
                strategy:
                  canary:
                    steps: [{setWeight: 100}]
                """);
        CliRun run = CliRun.of("rollout", "-f", file.toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).contains(file + ":").contains("aws");
    }

    @Test
    void anAwsSpecIsNotSentToAServer() throws IOException {
        Path spec = spec("[{setWeight: 100}]");
        CliRun run = CliRun.of("rollout", "-f", spec.toString(), "--server", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).contains("runway serve runs local rollouts only");
    }

    /** Versions tagged on the pool's live instances (the rollout's pool is named after the service). */
    private List<String> runningVersions() {
        return aws.clients.ec2().describeInstancesPaginator(r -> r.filters(
                        f -> f.name("tag:" + Ec2Tags.POOL).values("shop"),
                        f -> f.name("instance-state-name").values("pending", "running")))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .flatMap(i -> i.tags().stream()).filter(t -> t.key().equals(Ec2Tags.VERSION)).map(t -> t.value())
                .distinct().toList();
    }
}
