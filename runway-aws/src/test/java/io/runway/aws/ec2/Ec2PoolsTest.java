package io.runway.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.aws.moto.MotoFixture;
import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@link Ec2Pools} against moto: the provider signs with the base credentials a host hands it, tags instances
 * with the controller id kept in the state directory, and the janitor it starts on the host's scheduler sweeps
 * an orphan in its first round and is cancelled when the pools close.
 */
class Ec2PoolsTest {
    @TempDir
    Path stateDir;
    final MotoFixture aws = MotoFixture.fresh();
    // One thread: a task scheduled after the janitor's first round (both due at once) runs after it.
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    final MutableClock clock = MutableClock.at(Instant.now().toString());
    final List<String> log = new CopyOnWriteArrayList<>();
    Ec2Pools pools;
    LeaseEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (pools != null) {
            pools.close();
        }
        scheduler.shutdownNow();
        aws.close();
    }

    private PoolsConfig config() {
        return SpecKind.POOLS.reader().read("pools.yaml", """
                pools:
                  - name: web
                    provider: aws-ec2
                    max: 4
                    template: {labels: [linux, ec2]}
                    aws:
                      region: us-east-1
                      endpoint: %s
                      launchTemplate: web
                      subnets: [%s]
                      maxTerminatePercent: 100
                      instanceTtl: 6m
                """.formatted(aws.server.endpoint(), aws.subnetA)).orThrow();
    }

    @Test
    void signsWithTheHostsCredentialsAndSweepsAnOrphanInTheJanitorsFirstRound() throws Exception {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider counting = () -> {
            resolved.incrementAndGet();
            return MotoFixture.TEST_CREDENTIALS.resolveCredentials();
        };
        PoolsConfig config = config();
        pools = Ec2Pools.open(config, stateDir, counting, clock, log::add);
        assertThat(pools.interval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pools.provider().pools()).containsExactly("web");

        // An instance of this controller whose resource no engine knows (a launch whose record was lost).
        Ec2Capacity capacity = pools.provider().capacity("web");
        String orphan = capacity.launch(new Ec2Capacity.LaunchRequest("web-s9", 1, clock.instant().plusSeconds(3600),
                Map.of(Ec2Tags.RESOURCE, "web-s9"), null, null)).get(0).id();
        assertThat(resolved.get()).isPositive();
        assertThat(capacity.liveInstances()).singleElement().satisfies(i ->
                assertThat(i.tag(Ec2Tags.OWNER_CONTROLLER)).isEqualTo(AwsRolloutHost.controllerId(stateDir)));

        Map<String, Provider> providers = Map.of(StaticProvider.NAME, new StaticProvider(), Ec2CapacityProvider.NAME,
                pools.provider());
        engine = LeaseEngine.start(config, providers, new InMemoryStateStore(), clock, scheduler,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        pools.start(engine, scheduler);
        scheduler.schedule(() -> null, 0, TimeUnit.MILLISECONDS).get(120, TimeUnit.SECONDS);

        assertThat(capacity.liveInstances()).isEmpty();
        assertThat(log).anyMatch(l -> l.equals("aws-ec2 pool web: swept [" + orphan + "]"));

        pools.close();
        assertThat(scheduler.getQueue())
                .allSatisfy(task -> assertThat(((Future<?>) task).isCancelled()).isTrue());
        pools = null;
    }

    @Test
    void theControllerIdIsKeptAcrossOpens() {
        pools = Ec2Pools.open(config(), stateDir, MotoFixture.TEST_CREDENTIALS, clock, log::add);
        String first = AwsRolloutHost.controllerId(stateDir);
        pools.close();
        pools = Ec2Pools.open(config(), stateDir, MotoFixture.TEST_CREDENTIALS, clock, log::add);
        assertThat(AwsRolloutHost.controllerId(stateDir)).isEqualTo(first).startsWith("runway-");
        assertThat(pools.janitor()).isNull();
    }
}
