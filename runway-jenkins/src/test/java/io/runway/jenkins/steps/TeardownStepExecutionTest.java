package io.runway.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseState;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.testing.FakeStepContext;
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

class TeardownStepExecutionTest {
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

    private Grant take(String owner, String pool) throws Exception {
        return host.leases().acquire(LeaseRequest.of(owner, pool, Duration.ofMinutes(10))).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLeaseOfAnotherOwnerIsRefusedAndLeftAlone() throws Exception {
        Grant other = take("build:other#1", "solo");
        TeardownStep s = new TeardownStep();
        s.setLease(other.lease().id());
        FakeStepContext ctx = new FakeStepContext();
        assertThat(s.start(ctx).start()).isTrue();
        assertThat(ctx.awaitFailure()).hasMessageContaining("belongs to build:other#1");
        assertThat(host.leases().lease(other.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
    }

    @Test
    void noArgumentsEndsNothingOfOtherOwners() throws Exception {
        Grant other = take("build:other#1", "solo");
        FakeStepContext ctx = new FakeStepContext();
        assertThat(new TeardownStep().start(ctx).start()).isTrue();
        assertThat(ctx.awaitSuccess()).isEqualTo(List.of());
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(host.leases().lease(other.lease().id()).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(ctx.record().log()).contains("Nothing to tear down");
    }
}
