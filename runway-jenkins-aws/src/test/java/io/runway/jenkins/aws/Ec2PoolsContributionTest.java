package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.ec2.Ec2Capacity;
import io.runway.aws.ec2.Ec2Instance;
import io.runway.aws.ec2.Ec2Tags;
import io.runway.aws.moto.MotoFixture;
import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.resource.ResourceState;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.jenkins.host.CapacityContribution;
import io.runway.jenkins.host.RunwayHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runway-aws plugin's contribution of aws-ec2 pools, in a {@link RunwayHost} as the controller opens it, against
 * moto (the emulator runway-aws's tests start): instances launched for placed leases with the credentials found by id,
 * an orphan swept by the janitor the host starts, instances kept across a host restart, and a credentials id that
 * finds nothing refused by name before any AWS call.
 */
class Ec2PoolsContributionTest {
    @TempDir
    Path dir;
    final MotoFixture aws = MotoFixture.fresh();
    // One thread: a task scheduled after the janitor's first round (both due at once) runs after it.
    final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
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

    private PoolsConfig pools() {
        return SpecKind.POOLS.reader().read("runway pools", """
                pools:
                  - name: static-web
                    resources: [{name: web-1, labels: [linux]}]
                  - name: cloud
                    provider: aws-ec2
                    max: 3
                    template: {labels: [linux, ec2], attributes: {cpu: 2}}
                    aws:
                      region: us-east-1
                      endpoint: %s
                      launchTemplate: web
                      subnets: [%s]
                      maxTerminatePercent: 100
                """.formatted(aws.server.endpoint(), aws.subnetA)).orThrow();
    }

    private RunwayHost open(CapacityContribution contribution) {
        return RunwayHost.open(dir, EmbeddedStateStore.open(dir.resolve("store")), pools(), Clock.systemUTC(), executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(100), List.of(contribution));
    }

    private Ec2PoolsContribution withCredentials(String id) {
        return new Ec2PoolsContribution(() -> id, Map.of("runway-aws", counting)::get);
    }

    private void janitorRoundDone() throws Exception {
        executor.schedule(() -> null, 0, TimeUnit.MILLISECONDS).get(120, TimeUnit.SECONDS);
    }

    @Test
    void aPlacedLeaseLaunchesATaggedInstanceWithTheCredentialsFoundByIdAndItOutlivesTheHost() throws Exception {
        host = open(withCredentials("runway-aws"));
        Grant g = host.placements().place(PlacementRequest.of("build:job#1", "ec2", List.of("cpu >= 2"),
                Duration.ofMinutes(10))).grant().get(120, TimeUnit.SECONDS);
        String resource = g.lease().resourceIds().get(0);
        assertThat(resource).startsWith("cloud-");
        assertThat(counting.asked()).isPositive();

        List<Ec2Instance> live = new Ec2Capacity(aws.clients, capacityOptions()).liveInstances();
        assertThat(live).singleElement().satisfies(i -> {
            assertThat(i.tag(Ec2Tags.RESOURCE)).isEqualTo(resource);
            assertThat(i.tag(Ec2Tags.POOL)).isEqualTo("cloud");
            assertThat(i.tag(Ec2Tags.OWNER_CONTROLLER)).isEqualTo(AwsRolloutHost.controllerId(dir));
        });

        // A restart (saving the configuration): the instance stays, the next host knows its resource, and its
        // janitor's first round keeps it (its resource is live).
        host.close();
        host = open(withCredentials("runway-aws"));
        janitorRoundDone();
        assertThat(host.leases().resources()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(resource);
            assertThat(r.state()).isEqualTo(ResourceState.LEASED);
        });
        assertThat(new Ec2Capacity(aws.clients, capacityOptions()).liveInstances()).extracting(Ec2Instance::id)
                .containsExactly(live.get(0).id());
    }

    @Test
    void theJanitorStartedWithTheHostSweepsAnOrphanOfThisController() throws Exception {
        Ec2Capacity capacity = new Ec2Capacity(aws.clients, capacityOptions());
        String orphan = capacity.launch(new Ec2Capacity.LaunchRequest("cloud-s40", 1,
                Clock.systemUTC().instant().plusSeconds(3600), Map.of(Ec2Tags.RESOURCE, "cloud-s40"), null, null))
                .get(0).id();
        assertThat(capacity.liveInstances()).extracting(Ec2Instance::id).containsExactly(orphan);

        host = open(withCredentials("runway-aws"));
        janitorRoundDone();

        assertThat(capacity.liveInstances()).isEmpty();
    }

    @Test
    void aCredentialsIdThatFindsNothingIsRefusedByNameBeforeAnyAwsCall() {
        assertThatThrownBy(() -> open(withCredentials("missing")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("runwayAwsPools.credentialsId"))
                .hasMessageStartingWith("runwayAwsPools.credentialsId: no AWS credentials with id 'missing'");
        assertThat(counting.asked()).isZero();
        EmbeddedStateStore.open(dir.resolve("store")).close(); // the host closed its store
    }

    @Test
    void aBlankIdMeansEachPoolsProfileOrTheDefaultChainWithoutALookup() {
        Ec2PoolsContribution c = new Ec2PoolsContribution(() -> " ", id -> {
            throw new AssertionError("no lookup for a blank id");
        });
        assertThat(c.credentials()).isNull();
        assertThat(c.providers()).containsExactly("aws-ec2");
    }

    /** What this host's pool looks like to an outside observer (same controller id, pool and limits). */
    private io.runway.aws.ec2.Ec2PoolOptions capacityOptions() {
        return new io.runway.aws.ec2.Ec2PoolOptions("cloud", "web", "$Default", null, List.of(aws.subnetA), 3, false, 1.0,
                AwsRolloutHost.controllerId(dir));
    }
}
