package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.ec2.Ec2Instance;
import io.runway.aws.ec2.Ec2Tags;
import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.TrafficFeeder;
import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.aws.rollout.AwsSpecs;
import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.jenkins.host.RunwayHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runway-aws plugin's contribution of aws-ec2 rollouts, in a {@link RunwayHost} as the controller opens it,
 * against moto: a rollout runs on the controller's rollout service with the credentials found by id, its instances
 * tagged with the controller id the pools use, is resumed by the next host and aborted there; a credentials id that
 * finds nothing refuses the rollout by the setting's name before anything is recorded.
 */
class Ec2RolloutsContributionTest {
    @TempDir
    Path dir;
    final MotoFixture aws = MotoFixture.fresh();
    final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(3);
    final CountingCredentials counting = new CountingCredentials(MotoFixture.TEST_CREDENTIALS.resolveCredentials());
    RunwayHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
        executor.shutdownNow();
        aws.close();
    }

    private RunwayHost open(String credentialsId) {
        PoolsConfig pools = SpecKind.POOLS.reader().read("runway pools", """
                pools:
                  - name: static-web
                    resources: [{name: web-1}]
                """).orThrow();
        Ec2RolloutsContribution rollouts = new Ec2RolloutsContribution(
                new Ec2PoolsContribution(() -> credentialsId, Map.of("runway-aws", counting)::get));
        return RunwayHost.open(dir, EmbeddedStateStore.open(dir.resolve("store")), pools, Clock.systemUTC(), executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(100), List.of(),
                List.of(rollouts));
    }

    private RolloutSpec spec() {
        return SpecKind.ROLLOUT.reader().read("rollout.yaml",
                AwsSpecs.yaml(aws, "[{setWeight: 50}, {pause: {}}, {setWeight: 100}]", "")).orThrow();
    }

    private RolloutState awaitPhase(String id, RolloutPhase phase) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (host.rollouts().get(id).state().phase() != phase && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a poll, not a wait for time
        }
        assertThat(host.rollouts().get(id).state().phase()).isEqualTo(phase);
        return host.rollouts().get(id).state();
    }

    @Test
    void anAwsRolloutRunsOnTheControllersServiceAndIsResumedAfterARestart() {
        try (TrafficFeeder feeder = new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn,
                80, "shop", List.of("v1", "v2"))) {
            host = open("runway-aws");
            assertThat(host.rolloutProviders()).containsExactly("aws-ec2", "local");
            String id = host.startRollout(spec()).state().id();
            awaitPhase(id, RolloutPhase.PAUSED);
            assertThat(counting.asked()).as("signed with the credentials the id names").isPositive();
            assertThat(host.deployer().deployments()).as("nothing on the local deployer").isEmpty();
            List<Ec2Instance> live = new io.runway.aws.ec2.Ec2Capacity(aws.clients,
                    new io.runway.aws.ec2.Ec2PoolOptions("shop", "web", null, null, List.of(aws.subnetA), 6, false, 1.0,
                            AwsRolloutHost.controllerId(dir))).liveInstances();
            assertThat(live).hasSize(4).allSatisfy(i ->
                    assertThat(i.tag(Ec2Tags.OWNER_CONTROLLER)).isEqualTo(AwsRolloutHost.controllerId(dir)));

            host.close();
            host = open("runway-aws");
            assertThat(host.recover()).containsExactly(id);
            awaitPhase(id, RolloutPhase.PAUSED);
            host.rollouts().abort(id, "test").orTimeout(120, TimeUnit.SECONDS).join();
            RolloutState end = host.rollouts().get(id).finished().orTimeout(120, TimeUnit.SECONDS).join();
            assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        }
    }

    @Test
    void aCredentialsIdThatFindsNothingRefusesTheRolloutByTheSettingsName() {
        host = open("missing");
        assertThatThrownBy(() -> host.startRollout(spec()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("runwayAwsPools.credentialsId"))
                .hasMessageContaining("no AWS credentials with id 'missing'")
                .hasMessageContaining("aws-ec2 pools and rollouts");
        assertThat(host.rollouts().list()).isEmpty();
        assertThat(host.rollouts().history("shop")).isEmpty();
        assertThat(counting.asked()).isZero();
    }
}
