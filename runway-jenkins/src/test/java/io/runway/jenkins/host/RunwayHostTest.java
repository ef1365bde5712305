package io.runway.jenkins.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseState;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.testing.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the controller does after a restart and at a build's end, without Jenkins. */
class RunwayHostTest {
    @TempDir
    Path dir;
    private ScheduledExecutorService executor;
    private RunwayHost host;

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, MutableClock.at("2026-01-01T00:00:00Z"), executor);
    }

    @AfterEach
    void stop() {
        host.close();
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private Grant take(String owner, String pool, Duration wait) throws Exception {
        return host.leases().acquire(new LeaseRequest(owner, pool, null, 1, Duration.ofMinutes(10), wait, 0))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void reconcileRevokesLeasesOfBuildsThatDidNotResumeAndKeepsTheRest() throws Exception {
        Grant dead = take("build:job#1", "solo", Duration.ZERO);
        Grant alive = take("build:job#2", "web", Duration.ZERO);
        Grant person = take("user:alice", "web", Duration.ZERO);

        List<String> ended = host.reconcile(owner -> owner.equals("build:job#2"));
        host.leases().tick().get(10, TimeUnit.SECONDS);

        assertThat(ended).containsExactly(dead.lease().id());
        assertThat(host.leases().lease(dead.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.REVOKED);
        assertThat(host.leases().lease(dead.lease().id()).orElseThrow().endReason()).contains("job#1 is no longer running");
        assertThat(host.leases().lease(alive.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(host.leases().lease(person.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
    }

    @Test
    void teardownEndsExactlyWhatOneBuildHolds() throws Exception {
        Grant mine = take("build:job#1", "solo", Duration.ZERO);
        Grant theirs = take("build:job#2", "web", Duration.ZERO);

        assertThat(host.teardown("build:job#1")).containsExactly(mine.lease().id());
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(host.leases().lease(mine.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.REVOKED);
        assertThat(host.leases().lease(theirs.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(host.teardown("build:job#1")).as("nothing left the second time").isEmpty();
    }

    @Test
    void ownersRoundTrip() {
        assertThat(Owners.buildId(Owners.build("folder/job#12"))).isEqualTo("folder/job#12");
        assertThat(Owners.isBuild(Owners.user("alice"))).isFalse();
        assertThat(Owners.buildId("user:alice")).isNull();
    }

    @Test
    void progressGoesOnlyToFollowersOfThatRollout() {
        ProgressBus bus = host.progress();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable stop = bus.follow("r-1", seen::add);
        assertThat(bus.followerCount("r-1")).isEqualTo(1);
        stop.run();
        assertThat(bus.followerCount("r-1")).isZero();
    }
}
