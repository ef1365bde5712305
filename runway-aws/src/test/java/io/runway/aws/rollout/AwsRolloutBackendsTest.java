package io.runway.aws.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.ec2.Ec2Instance;
import io.runway.aws.moto.AwsLeftovers;
import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.TrafficFeeder;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutService;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS parts of rollouts on a store, rollout service, threads and clock a host owns (what a Jenkins controller
 * does), against moto: a paused canary survives the host's restart (the next host's back-ends adopt its instances
 * instead of launching more, and the sweep keeps them), is promoted there, and is torn down to nothing; a spec of
 * another provider is refused by field.
 */
class AwsRolloutBackendsTest {
    @TempDir
    Path dir;
    MotoFixture aws;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(3, r -> {
        Thread t = new Thread(r, "aws-backends-test");
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        aws.close();
    }

    /** One "controller": its own store and rollout service, the aws-ec2 back-ends on its threads. */
    private record Host(StateStore store, AwsRolloutBackends backends, RolloutService rollouts) implements AutoCloseable {
        @Override
        public void close() {
            rollouts.stop();
            backends.close();
            store.close();
        }
    }

    private Host host() {
        StateStore store = EmbeddedStateStore.open(dir.resolve("store"));
        AwsRolloutBackends backends = new AwsRolloutBackends(dir, () -> MotoFixture.TEST_CREDENTIALS,
                AwsRolloutTest.FAST, executor, Clock.systemUTC());
        return new Host(store, backends, new RolloutService(store, backends, Clock.systemUTC(), executor,
                (s, l) -> lines.add(l), Duration.ofMillis(100)));
    }

    private static RolloutState awaitPhase(RolloutController c, RolloutPhase phase) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (c.state().phase() != phase && !c.state().isFinished() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a poll, not a wait for time
        }
        assertThat(c.state().phase()).isEqualTo(phase);
        return c.state();
    }

    @Test
    void aPausedCanaryIsResumedByTheNextHostOnItsStoreAndPromotedThere() {
        String yaml = AwsSpecs.yaml(aws, "[{setWeight: 50}, {pause: {}}, {setWeight: 100}]", "");
        RolloutSpec spec = AwsSpecs.read(yaml);
        String id;
        List<String> instancesBefore;
        try (TrafficFeeder feeder = new TrafficFeeder(aws.clients.elb(), aws.clients.cloudWatch(), aws.loadBalancerArn,
                80, "shop", List.of("v1", "v2"))) {
            try (Host first = host()) {
                assertThat(first.rollouts().recover()).isEmpty();
                RolloutController c = first.rollouts().start(spec);
                id = c.state().id();
                awaitPhase(c, RolloutPhase.PAUSED);
                instancesBefore = first.backends().opened(spec).capacity().liveInstances().stream()
                        .map(Ec2Instance::id).sorted().toList();
                assertThat(instancesBefore).as("two instances of v1 and two of v2").hasSize(4);
                assertThat(first.backends().controllerId()).isEqualTo(AwsRolloutHost.controllerId(dir));
            }

            try (Host second = host()) {
                List<RolloutController> resumed = second.rollouts().recover();
                assertThat(resumed).extracting(r -> r.state().id()).containsExactly(id);
                awaitPhase(resumed.get(0), RolloutPhase.PAUSED);
                assertThat(second.backends().opened(spec).capacity().liveInstances().stream().map(Ec2Instance::id)
                        .sorted().toList()).as("adopted and kept by the sweep, none launched").isEqualTo(instancesBefore);

                CompletableFuture<RolloutState> end = resumed.get(0).finished();
                second.rollouts().promote(id, "test").join();
                assertThat(end.orTimeout(120, TimeUnit.SECONDS).join().phase()).as(String.join("\n", lines))
                        .isEqualTo(RolloutPhase.PROMOTED);
                AwsRolloutTest.awaitVersions(second.backends().opened(spec), List.of("v2"));

                second.backends().opened(spec).teardown();
                assertThat(AwsLeftovers.of(aws)).isEmpty();
            }
        }
    }

    @Test
    void aSpecOfAnotherProviderIsRefusedByField() {
        try (Host h = host()) {
            RolloutSpec local = io.runway.core.spec.SpecKind.ROLLOUT.reader().read("local.yaml", """
                    service: shop
                    version: v2
                    baseline: v1
                    deploy:
                      command: [/bin/true]
                      readiness: {path: /health}
                    strategy:
                      canary:
                        steps: [{setWeight: 100}]
                    """).orThrow();
            assertThatThrownBy(() -> h.rollouts().start(local))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("provider"));
            assertThat(h.rollouts().list()).isEmpty();
            assertThat(h.backends().deployers()).isEmpty();
        }
    }
}
