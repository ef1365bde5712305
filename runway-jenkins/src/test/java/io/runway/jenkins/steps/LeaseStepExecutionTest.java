package io.runway.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import io.runway.core.error.InvalidInputException;
import io.runway.core.label.LabelExpressionException;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseState;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.lease.LeaseKeepers;
import io.runway.jenkins.lease.LeaseLostException;
import io.runway.jenkins.testing.FakeBodyExecution;
import io.runway.jenkins.testing.FakeStepContext;
import io.runway.jenkins.testing.TestHosts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseStepExecutionTest {
    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private ScheduledExecutorService executor;
    private RunwayHost host;

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, clock, executor);
    }

    @AfterEach
    void stop() {
        if (HostHolder.getOrNull() != null) {
            HostHolder.get().close();
        }
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private static LeaseStep step(String pool, int count, String waitFor) {
        LeaseStep s = new LeaseStep();
        s.setPool(pool);
        s.setCount(count);
        s.setTtl("10m");
        s.setWait(waitFor);
        s.setVariable("HOSTS");
        return s;
    }

    private static LeaseStepExecution begin(LeaseStep step, FakeStepContext ctx) throws Exception {
        LeaseStepExecution e = (LeaseStepExecution) step.start(ctx);
        assertThat(e.start()).as("a lease step never completes synchronously").isFalse();
        return e;
    }

    private Lease lease(String id) {
        return host.leases().lease(id).orElseThrow();
    }

    private void awaitState(String id, LeaseState state) throws Exception {
        host.leases().tick().get(10, TimeUnit.SECONDS); // the reply comes after every earlier command is durable
        assertThat(lease(id).state()).isEqualTo(state);
    }

    @Test
    void grantRunsTheBodyWithTheLeaseInItsEnvironmentAndSuccessReleases() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        LeaseStepExecution e = begin(step("web", 2, "0s"), ctx);
        FakeBodyExecution body = ctx.awaitBody();

        Lease held = lease(e.leaseId());
        assertThat(held.state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(held.owner()).startsWith("build:");
        EnvVars env = body.environment();
        assertThat(env).containsEntry("RUNWAY_LEASE_ID", e.leaseId())
                .containsEntry("RUNWAY_FENCING_TOKEN", Long.toString(held.fencingToken()))
                .containsEntry("RUNWAY_RESOURCES", "web-1,web-2")
                .containsEntry("HOSTS", "web-1,web-2")
                .containsEntry("HOSTS_0", "web-1")
                .containsEntry("HOSTS_1", "web-2")
                .containsEntry("HOSTS_0_cpu", "4")
                .containsEntry("HOSTS_0_region", "eu-west-1");
        assertThat(env.keySet()).noneMatch(k -> k.contains("TOKEN") && !k.equals("RUNWAY_FENCING_TOKEN"));
        assertThat(ctx.record().saves).as("the grant is saved before the body runs").isPositive();
        assertThat(LeaseKeepers.isKept(e.leaseId())).isTrue();

        body.succeed("body result");

        assertThat(ctx.awaitSuccess()).isEqualTo("body result");
        awaitState(e.leaseId(), LeaseState.RELEASED);
        assertThat(LeaseKeepers.isKept(e.leaseId())).isFalse();
        assertThat(ctx.record().log()).contains("Leased web-1, web-2").contains("Releasing lease " + e.leaseId());
    }

    @Test
    void aFailingBodyReleasesAndFailsTheStepWithTheBodysError() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        LeaseStepExecution e = begin(step("web", 1, "0s"), ctx);
        IllegalStateException boom = new IllegalStateException("tests failed");
        ctx.awaitBody().fail(boom);

        assertThat(ctx.awaitFailure()).isSameAs(boom);
        awaitState(e.leaseId(), LeaseState.RELEASED);
    }

    @Test
    void aWaitingStepHoldsNoBodyAndGetsTheResourceWhenItIsReleased() throws Exception {
        FakeStepContext first = new FakeStepContext();
        LeaseStepExecution holder = begin(step("solo", 1, "0s"), first);
        FakeBodyExecution firstBody = first.awaitBody();

        FakeStepContext second = new FakeStepContext();
        LeaseStepExecution waiter = begin(step("solo", 1, "10m"), second);
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(second.record().bodies).isEmpty();
        assertThat(waiter.getStatus()).isEqualTo("waiting for a lease");
        assertThat(host.leases().leases()).anyMatch(l -> l.state() == LeaseState.WAITING);

        firstBody.succeed(null);
        FakeBodyExecution secondBody = second.awaitBody();
        assertThat(lease(waiter.leaseId()).resourceIds()).containsExactly("solo-1");
        assertThat(lease(waiter.leaseId()).fencingToken()).isGreaterThan(lease(holder.leaseId()).fencingToken());
        secondBody.succeed(null);
        second.awaitSuccess();
    }

    @Test
    void hundredsOfWaitingStepsHoldNoThreadAndAreServedInTurn() throws Exception {
        FakeStepContext holderCtx = new FakeStepContext();
        begin(step("solo", 1, "0s"), holderCtx);
        FakeBodyExecution holding = holderCtx.awaitBody();
        int threadsBefore = Thread.activeCount();

        java.util.List<FakeStepContext> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            FakeStepContext c = new FakeStepContext();
            begin(step("solo", 1, "1h"), c);
            waiting.add(c);
        }
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(host.leases().leases()).filteredOn(l -> l.state() == LeaseState.WAITING).hasSize(300);
        // The executor is a fixed pool; no step may start a thread of its own to wait.
        assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);

        // Each body ends as soon as it starts; every waiter gets the one resource, one after another.
        holding.succeed(null);
        for (FakeStepContext c : waiting) {
            c.awaitBody().succeed(null);
            c.awaitSuccess();
        }
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(host.leases().leases()).noneMatch(l -> l.state() == LeaseState.WAITING || l.state() == LeaseState.ACTIVE);
    }

    @Test
    void notGrantedWithinTheWaitFailsWithAClearMessage() throws Exception {
        FakeStepContext first = new FakeStepContext();
        begin(step("solo", 1, "0s"), first);
        first.awaitBody();

        FakeStepContext second = new FakeStepContext();
        begin(step("solo", 1, "0s"), second);
        assertThat(second.awaitFailure()).hasMessageStartingWith("Runway lease not granted:");
    }

    @Test
    void stoppingAWaitingStepCancelsTheRequestSoItIsNeverGranted() throws Exception {
        FakeStepContext first = new FakeStepContext();
        begin(step("solo", 1, "0s"), first);
        FakeBodyExecution firstBody = first.awaitBody();
        FakeStepContext second = new FakeStepContext();
        LeaseStepExecution waiter = begin(step("solo", 1, "10m"), second);
        host.leases().tick().get(10, TimeUnit.SECONDS);

        InterruptedException abort = new InterruptedException("aborted by user");
        waiter.stop(abort);
        assertThat(second.awaitFailure()).isSameAs(abort);

        firstBody.succeed(null);
        first.awaitSuccess();
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(host.leases().leases()).noneMatch(l -> l.state() == LeaseState.ACTIVE || l.state() == LeaseState.WAITING);
        assertThat(second.record().bodies).isEmpty();
    }

    @Test
    void stoppingARunningStepReleasesTheLeaseAndEndsTheBody() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        LeaseStepExecution e = begin(step("web", 1, "0s"), ctx);
        FakeBodyExecution body = ctx.awaitBody();

        InterruptedException abort = new InterruptedException("aborted by user");
        e.stop(abort);

        assertThat(ctx.awaitFailure()).isSameAs(abort);
        assertThat(body.awaitCancelled()).isSameAs(abort);
        awaitState(e.leaseId(), LeaseState.RELEASED);
        assertThat(LeaseKeepers.isKept(e.leaseId())).isFalse();
    }

    @Test
    void aHeldLeaseSurvivesSerializationAndAControllerRestart() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        LeaseStepExecution before = begin(step("web", 1, "0s"), ctx);
        ctx.awaitBody();
        String id = before.leaseId();

        byte[] saved = serialize(before);
        restartHost();
        LeaseStepExecution after = (LeaseStepExecution) deserialize(saved);
        after.onResume();

        assertThat(after.leaseId()).isEqualTo(id);
        assertThat(lease(id).state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(LeaseKeepers.isKept(id)).as("renewing again after the restart").isTrue();
        assertThat(ctx.record().log()).contains("Controller restarted; still holding lease " + id);

        // The body (persisted with its callback) ends after the restart and the lease is released on the new host.
        FakeBodyExecution persistedBody = (FakeBodyExecution) deserialize(serialize(ctx.record().bodies.get(0)));
        persistedBody.succeed("done");
        assertThat(ctx.awaitSuccess()).isEqualTo("done");
        awaitState(id, LeaseState.RELEASED);
    }

    @Test
    void aLeaseThatExpiredWhileTheControllerWasDownInterruptsTheBody() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        LeaseStepExecution before = begin(step("web", 1, "0s"), ctx);
        ctx.awaitBody();
        byte[] saved = serialize(before);

        HostHolder.markShuttingDown();
        host.close();
        clock.advance(Duration.ofMinutes(11)); // past the 10m TTL, nobody renewing
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, clock, executor);
        LeaseStepExecution after = (LeaseStepExecution) deserialize(saved);
        after.onResume();

        Throwable failure = ctx.awaitFailure();
        assertThat(failure).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("lease " + before.leaseId() + " is EXPIRED")
                .hasMessageContaining("the lease block was interrupted");
    }

    @Test
    void aWaitingStepAsksAgainAfterARestartWithTheWaitThatWasLeft() throws Exception {
        FakeStepContext first = new FakeStepContext();
        LeaseStepExecution holder = begin(step("solo", 1, "0s"), first);
        first.awaitBody();
        FakeStepContext second = new FakeStepContext();
        LeaseStepExecution waiter = begin(step("solo", 1, "10m"), second);
        host.leases().tick().get(10, TimeUnit.SECONDS);
        byte[] saved = serialize(waiter);

        restartHost(); // closing the engine cancels the waiting request
        clock.advance(Duration.ofMinutes(1));
        LeaseStepExecution after = (LeaseStepExecution) deserialize(saved);
        after.onResume();
        assertThat(second.record().log()).contains("asking again (wait left 9m)");

        host.leases().release(holder.leaseId(), tokenOf(holder)).get(10, TimeUnit.SECONDS);
        FakeBodyExecution body = second.awaitBody();
        body.succeed(null);
        second.awaitSuccess();
    }

    @Test
    void aWaitThatRanOutWhileTheControllerWasDownFails() throws Exception {
        FakeStepContext first = new FakeStepContext();
        begin(step("solo", 1, "0s"), first);
        first.awaitBody();
        FakeStepContext second = new FakeStepContext();
        LeaseStepExecution waiter = begin(step("solo", 1, "1m"), second);
        byte[] saved = serialize(waiter);

        restartHost();
        clock.advance(Duration.ofMinutes(2));
        ((LeaseStepExecution) deserialize(saved)).onResume();
        assertThat(second.awaitFailure()).hasMessageContaining("the wait ended while the controller was down");
    }

    @Test
    void badParametersFailBeforeAnythingIsAskedAndNameTheField() {
        LeaseStep zero = step("web", 0, "0s");
        assertThatThrownBy(() -> zero.start(new FakeStepContext()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("count");
        LeaseStep badVariable = step("web", 1, "0s");
        badVariable.setVariable("RUNWAY_X");
        assertThatThrownBy(() -> badVariable.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("variable"));
        LeaseStep badCapability = step("web", 1, "0s");
        badCapability.setCapability("linux && (");
        assertThatThrownBy(() -> badCapability.start(new FakeStepContext())).isInstanceOf(LabelExpressionException.class);
        LeaseStep badTtl = step("web", 1, "0s");
        badTtl.setTtl("ten minutes");
        assertThatThrownBy(() -> badTtl.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ttl"));
        assertThat(host.leases().leases()).isEmpty();
    }

    /** What a controller restart does to the host: marked going down, closed, started again on the same state. */
    private void restartHost() {
        HostHolder.markShuttingDown();
        host.close();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, clock, executor);
    }

    private static String tokenOf(LeaseStepExecution e) {
        return e.token();
    }

    static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
