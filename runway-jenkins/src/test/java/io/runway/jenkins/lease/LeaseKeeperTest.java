package io.runway.jenkins.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.testing.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseKeeperTest {
    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private ScheduledExecutorService executor;
    private RunwayHost host;
    private LeaseEngine engine;
    private final List<String> lost = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, clock, executor);
        engine = host.leases();
    }

    @AfterEach
    void stop() {
        host.close();
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private Grant grant() throws Exception {
        return engine.acquire(LeaseRequest.of("build:job#1", "solo", Duration.ofMinutes(10))).get(10, TimeUnit.SECONDS);
    }

    private LeaseKeeper keep(Grant g) {
        return LeaseKeeper.keep(() -> engine, g.lease().id(), g.token(), Duration.ofMinutes(10), g.lease().expiresAt(),
                clock, executor, lost::add);
    }

    @Test
    void theHeartbeatIsAtMostHalfTheTtl() {
        assertThat(LeaseKeeper.heartbeat(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(5));
        assertThat(LeaseKeeper.heartbeat(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(500));
        assertThat(LeaseKeeper.heartbeat(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void eachBeatMovesTheExpiryFromNow() throws Exception {
        Grant g = grant();
        try (LeaseKeeper k = keep(g)) {
            clock.advance(Duration.ofMinutes(5));
            k.renewNow();
            engine.tick().get(10, TimeUnit.SECONDS);
            Instant expected = clock.instant().plus(Duration.ofMinutes(10));
            assertThat(engine.lease(g.lease().id()).orElseThrow().expiresAt()).isEqualTo(expected);
            clock.advance(Duration.ofMinutes(9)); // beyond the first expiry, within the renewed one
            engine.tick().get(10, TimeUnit.SECONDS);
            k.renewNow();
            engine.tick().get(10, TimeUnit.SECONDS);
            assertThat(lost).isEmpty();
            assertThat(engine.lease(g.lease().id()).orElseThrow().state().isTerminal()).isFalse();
        }
    }

    @Test
    void aRevokedLeaseIsReportedLostOnceWithItsReason() throws Exception {
        Grant g = grant();
        try (LeaseKeeper k = keep(g)) {
            engine.revoke(g.lease().id(), "alice", "maintenance").get(10, TimeUnit.SECONDS);
            k.renewNow();
            k.renewNow();
            assertThat(lost).hasSize(1);
            assertThat(lost.get(0)).contains("lease " + g.lease().id() + " is REVOKED").contains("maintenance");
        }
    }

    @Test
    void anExpiredLeaseIsReportedLost() throws Exception {
        Grant g = grant();
        try (LeaseKeeper k = keep(g)) {
            clock.advance(Duration.ofMinutes(11));
            engine.tick().get(10, TimeUnit.SECONDS);
            k.renewNow();
            assertThat(lost).singleElement().asString().contains("EXPIRED");
        }
    }

    @Test
    void aClosedKeeperNeitherRenewsNorReports() throws Exception {
        Grant g = grant();
        LeaseKeeper k = keep(g);
        k.close();
        engine.revoke(g.lease().id(), "alice", "x").get(10, TimeUnit.SECONDS);
        k.renewNow();
        assertThat(lost).isEmpty();
    }
}
