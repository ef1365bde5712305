package io.runway.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.moto.MotoFixture;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The EC2 capacity of a pool against moto: real RunInstances, DescribeInstances, CreateTags, TerminateInstances. */
class Ec2CapacityTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    MotoFixture aws;

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private Ec2Capacity pool(String controller, int max, double share) {
        return new Ec2Capacity(aws.clients, Ec2PoolOptions.fromTemplate("web", "web", List.of(aws.subnetA, aws.subnetB),
                controller).withLimits(max, share));
    }

    private static Ec2Capacity.LaunchRequest lease(String id, int count, Instant expires) {
        return new Ec2Capacity.LaunchRequest(id, count, expires, Map.of("team", "shop"), "#!/bin/sh\ntrue\n", null);
    }

    @Test
    void launchesTaggedRunningInstancesSpreadOverTheSubnets() {
        Ec2Capacity pool = pool("ctl-a", 10, 0.5);
        List<Ec2Instance> launched = pool.launch(lease("lease-1", 4, NOW.plus(Duration.ofMinutes(10))));
        assertThat(launched).hasSize(4).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo("running");
            assertThat(i.tags()).containsEntry(Ec2Tags.POOL, "web").containsEntry(Ec2Tags.LEASE, "lease-1")
                    .containsEntry(Ec2Tags.OWNER_CONTROLLER, "ctl-a").containsEntry("team", "shop")
                    .containsEntry(Ec2Tags.EXPIRES_AT, "2026-11-22T10:10:00Z");
        });
        Set<String> subnets = Set.copyOf(aws.clients.ec2().describeInstances(r -> r.instanceIds(
                launched.stream().map(Ec2Instance::id).toList())).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(i -> i.subnetId()).toList());
        assertThat(subnets).containsExactlyInAnyOrder(aws.subnetA, aws.subnetB);
        assertThat(pool.liveInstancesTagged(Ec2Tags.LEASE, "lease-1")).hasSize(4);
        assertThat(pool.liveInstancesTagged(Ec2Tags.LEASE, "other")).isEmpty();
    }

    @Test
    void listsEveryPageOfAPoolLargerThanOnePage() {
        Ec2Capacity pool = pool("ctl-a", 1000, 0.5);
        for (int i = 0; i < 3; i++) {
            pool.launch(lease("lease-" + i, 3, NOW));
        }
        // DescribeInstances pages at most 5 instances here, so the listing needs several pages.
        List<String> paged = aws.clients.ec2().describeInstancesPaginator(r -> r.maxResults(5)
                .filters(Ec2Capacity.filter("tag:" + Ec2Tags.POOL, "web"))).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).toList();
        assertThat(paged).hasSize(9);
        assertThat(pool.liveInstances()).hasSize(9);
    }

    @Test
    void refusesToGrowPastThePoolCap() {
        Ec2Capacity pool = pool("ctl-a", 3, 0.5);
        pool.launch(lease("lease-1", 2, NOW));
        assertThatThrownBy(() -> pool.launch(lease("lease-2", 2, NOW))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("cap of 3");
        assertThat(pool.liveInstances()).hasSize(2);
    }

    @Test
    void theSafetyRailRefusesToTerminateTooLargeAShareAndTerminatesNothing() {
        Ec2Capacity pool = pool("ctl-a", 10, 0.5);
        List<String> ids = pool.launch(lease("lease-1", 4, NOW)).stream().map(Ec2Instance::id).toList();
        assertThatThrownBy(() -> pool.terminate(ids.subList(0, 3))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("refused by a safety rail");
        assertThat(pool.liveInstances()).hasSize(4);
        pool.terminate(ids.subList(0, 2));
        assertThat(pool.liveInstances()).hasSize(2);
    }

    @Test
    void terminatesOnlyWhatIsInItsPool() {
        Ec2Capacity web = pool("ctl-a", 10, 1.0);
        Ec2Capacity other = new Ec2Capacity(aws.clients, Ec2PoolOptions.fromTemplate("batch", "web", List.of(), "ctl-a"));
        String foreign = other.launch(lease("lease-9", 1, NOW)).get(0).id();
        web.launch(lease("lease-1", 1, NOW));
        assertThatThrownBy(() -> web.terminate(List.of(foreign))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not in pool web");
        assertThat(other.liveInstances()).hasSize(1);
    }

    @Test
    void theHeartbeatMovesTheExpiryTagOfTheLeaseInstancesOnly() {
        Ec2Capacity pool = pool("ctl-a", 10, 0.5);
        pool.launch(lease("lease-1", 2, NOW));
        pool.launch(lease("lease-2", 1, NOW));
        Instant later = NOW.plus(Duration.ofMinutes(30));
        assertThat(pool.refreshExpiry("lease-1", later)).isEqualTo(2);
        assertThat(pool.liveInstancesTagged(Ec2Tags.LEASE, "lease-1")).allSatisfy(i ->
                assertThat(i.expiresAt()).contains(later));
        assertThat(pool.liveInstancesTagged(Ec2Tags.LEASE, "lease-2")).allSatisfy(i ->
                assertThat(i.expiresAt()).contains(NOW));
    }

    @Test
    void theSweepTerminatesOrphansButNotLiveLeasesNorAnotherControllersUnexpiredWork() {
        Ec2Capacity mine = pool("ctl-a", 20, 1.0);
        Ec2Capacity theirs = pool("ctl-b", 20, 1.0);
        Instant soon = NOW.plus(Duration.ofMinutes(5));
        mine.launch(lease("live", 1, soon));
        String myOrphan = mine.launch(lease("dead-mine", 1, soon)).get(0).id();
        String theirUnexpired = theirs.launch(lease("dead-theirs", 1, soon)).get(0).id();
        String theirExpired = theirs.launch(lease("dead-theirs-expired", 1, NOW.minusSeconds(1))).get(0).id();

        SweepReport report = new OrphanSweeper(mine).sweep("live"::equals, NOW);

        assertThat(report.removed()).containsExactlyInAnyOrder(myOrphan, theirExpired);
        assertThat(report.kept()).contains(theirUnexpired);
        assertThat(report.failed()).isEmpty();
        assertThat(mine.liveInstances()).extracting(i -> i.tag(Ec2Tags.LEASE))
                .containsExactlyInAnyOrder("live", "dead-theirs");
    }

    @Test
    void theSweepIsBoundedByTheSafetyRailAndTheNextSweepContinues() {
        Ec2Capacity pool = pool("ctl-a", 20, 0.5);
        for (int i = 0; i < 4; i++) {
            pool.launch(lease("dead-" + i, 1, NOW));
        }
        SweepReport first = new OrphanSweeper(pool).sweep(lease -> false, NOW);
        assertThat(first.removed()).hasSize(2);
        assertThat(first.failed()).hasSize(2).allSatisfy((id, why) -> assertThat(why).contains("safety rail"));
        SweepReport second = new OrphanSweeper(pool).sweep(lease -> false, NOW);
        assertThat(second.removed()).hasSize(1); // half of the 2 left
        assertThat(new OrphanSweeper(pool).sweep(lease -> false, NOW).removed()).hasSize(1);
        assertThat(pool.liveInstances()).isEmpty();
    }

    @Test
    void orphansAreDecidedFromTagsAlone() {
        Map<String, String> base = Map.of(Ec2Tags.POOL, "web", Ec2Tags.OWNER_CONTROLLER, "ctl-b",
                Ec2Tags.EXPIRES_AT, NOW.plus(1, ChronoUnit.MINUTES).toString());
        Ec2Instance untagged = new Ec2Instance("i-1", "running", null, false, NOW, Map.of(Ec2Tags.POOL, "web"));
        Ec2Instance unreadableExpiry = new Ec2Instance("i-2", "running", null, false, NOW,
                Map.of(Ec2Tags.LEASE, "x", Ec2Tags.OWNER_CONTROLLER, "ctl-b", Ec2Tags.EXPIRES_AT, "soon"));
        Ec2Instance terminated = new Ec2Instance("i-3", "shutting-down", null, false, NOW,
                Map.of(Ec2Tags.LEASE, "x", Ec2Tags.OWNER_CONTROLLER, "ctl-a"));
        Ec2Instance expiredLater = new Ec2Instance("i-4", "running", null, false, NOW,
                new java.util.HashMap<>(base) {{ put(Ec2Tags.LEASE, "x"); }});
        assertThat(OrphanSweeper.orphans(List.of(untagged, unreadableExpiry, terminated, expiredLater),
                lease -> false, "ctl-a", NOW)).isEmpty();
        assertThat(OrphanSweeper.orphans(List.of(expiredLater), lease -> false, "ctl-a", NOW.plus(2, ChronoUnit.MINUTES)))
                .containsExactly(expiredLater);
    }

    @Test
    void aPoolCanComeFromAnAutoScalingGroupsTemplateAndSubnets() {
        aws.clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("web-asg")
                .launchTemplate(t -> t.launchTemplateName("web").version("$Latest")).minSize(0).maxSize(5)
                .desiredCapacity(0).vpcZoneIdentifier(aws.subnetB));
        Ec2Capacity pool = new Ec2Capacity(aws.clients, new Ec2PoolOptions("web", null, null, "web-asg", null, 5,
                false, 0.5, "ctl-a"));
        String id = pool.launch(lease("lease-1", 1, NOW)).get(0).id();
        assertThat(aws.clients.ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .subnetId()).isEqualTo(aws.subnetB);
        assertThat(aws.clients.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("web-asg"))
                .autoScalingGroups().get(0).desiredCapacity()).as("the group itself is left alone").isZero();
    }

    @Test
    void spotIsAskedForWhenConfigured() {
        Ec2Capacity pool = new Ec2Capacity(aws.clients, Ec2PoolOptions.fromTemplate("web", "web", List.of(), "ctl-a")
                .withSpot(true));
        assertThat(pool.launch(lease("lease-1", 1, NOW)).get(0).spot()).isTrue();
        assertThat(SpotFallback.fallsBack("InsufficientInstanceCapacity")).isTrue();
        assertThat(SpotFallback.fallsBack("UnauthorizedOperation")).isFalse();
    }
}
