package io.runway.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseState;
import io.runway.core.placement.ConstraintException;
import io.runway.core.placement.PlacementState;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.lease.LeaseKeepers;
import io.runway.jenkins.testing.FakeBodyExecution;
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

/** {@code runwayTask} on a real engine, placement and embedded store, with a fake step context. */
class RunwayTaskStepExecutionTest {
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

    private static RunwayTaskStep step(String pool, String waitFor, String... constraints) {
        RunwayTaskStep s = new RunwayTaskStep();
        s.setPool(pool);
        s.setTtl("10m");
        s.setWait(waitFor);
        s.setConstraints(List.of(constraints));
        s.setVariable("HOSTS");
        return s;
    }

    private static RunwayTaskStepExecution begin(RunwayTaskStep step, FakeStepContext ctx) throws Exception {
        RunwayTaskStepExecution e = (RunwayTaskStepExecution) step.start(ctx);
        assertThat(e.start()).as("a task step never completes synchronously").isFalse();
        return e;
    }

    private Lease lease(String id) {
        return host.leases().lease(id).orElseThrow();
    }

    private void awaitState(String id, LeaseState state) throws Exception {
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(lease(id).state()).isEqualTo(state);
    }

    @Test
    void constraintsChooseTheResourceAndTheBodyRunsWithTheLeaseEnvironmentThenReleases() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RunwayTaskStepExecution e = begin(step("web", "0s", "cpu >= 8"), ctx);
        FakeBodyExecution body = ctx.awaitBody();

        Lease held = lease(e.leaseId());
        assertThat(held.resourceIds()).containsExactly("web-2"); // web-1 has 4 CPUs
        assertThat(held.owner()).startsWith("build:");
        EnvVars env = body.environment();
        assertThat(env).containsEntry("RUNWAY_LEASE_ID", e.leaseId())
                .containsEntry("RUNWAY_FENCING_TOKEN", Long.toString(held.fencingToken()))
                .containsEntry("RUNWAY_RESOURCES", "web-2")
                .containsEntry("HOSTS_0", "web-2")
                .containsEntry("HOSTS_0_cpu", "8");
        assertThat(LeaseKeepers.isKept(e.leaseId())).isTrue();
        assertThat(ctx.record().saves).isPositive();

        body.succeed("ok");
        assertThat(ctx.awaitSuccess()).isEqualTo("ok");
        awaitState(e.leaseId(), LeaseState.RELEASED);
        assertThat(ctx.record().log()).contains("Submitting task").contains("cpu >= 8").contains("Leased web-2")
                .contains("Releasing lease " + e.leaseId());
    }

    @Test
    void aFailingBodyReleasesAndFailsWithTheBodysError() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RunwayTaskStepExecution e = begin(step("web", "0s"), ctx);
        IllegalStateException boom = new IllegalStateException("job failed");
        ctx.awaitBody().fail(boom);
        assertThat(ctx.awaitFailure()).isSameAs(boom);
        awaitState(e.leaseId(), LeaseState.RELEASED);
    }

    @Test
    void aBlockedPlacementPrintsItsReasonOnceAndStartsWhenCapacityFrees() throws Exception {
        FakeStepContext first = new FakeStepContext();
        RunwayTaskStepExecution holder = begin(step("solo", "0s"), first);
        first.awaitBody();
        FakeStepContext second = new FakeStepContext();
        RunwayTaskStepExecution waiter = begin(step("solo", "30m"), second);

        host.placements().reconcile().get(10, TimeUnit.SECONDS);
        assertThat(waiter.placement().state()).isEqualTo(PlacementState.BLOCKED);
        waiter.reportReason();
        waiter.reportReason(); // unchanged: not printed again
        String log = second.record().log();
        assertThat(log).contains("Blocked: " + waiter.placement().reason());
        assertThat(log.split("Blocked: ", -1)).hasSize(2);
        assertThat(waiter.getStatus()).contains("BLOCKED");
        assertThat(second.record().bodies).isEmpty();

        first.record().bodies.get(0).succeed(null);
        first.awaitSuccess();
        host.leases().tick().get(10, TimeUnit.SECONDS);
        FakeBodyExecution body = second.awaitBody();
        assertThat(lease(waiter.leaseId()).resourceIds()).containsExactly("solo-1");
        assertThat(holder.leaseId()).isNotEqualTo(waiter.leaseId());
        body.succeed(null);
        second.awaitSuccess();
    }

    @Test
    void aTaskNoResourceCanEverServeFailsWithPlacementsReason() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RunwayTaskStep two = step("web", "30m", "cpu >= 8"); // only web-2 has 8 CPUs
        two.setCount(2);
        begin(two, ctx);
        host.placements().reconcile().get(10, TimeUnit.SECONDS);
        assertThat(ctx.awaitFailure()).hasMessageStartingWith("Runway task not placed:");
        assertThat(ctx.record().bodies).isEmpty();
    }

    @Test
    void stoppingAWaitingStepCancelsThePlacementSoItIsNeverGranted() throws Exception {
        FakeStepContext first = new FakeStepContext();
        RunwayTaskStepExecution holder = begin(step("solo", "0s"), first);
        first.awaitBody();
        FakeStepContext second = new FakeStepContext();
        RunwayTaskStepExecution waiter = begin(step("solo", "30m"), second);

        InterruptedException abort = new InterruptedException("aborted");
        waiter.stop(abort);
        assertThat(second.awaitFailure()).isSameAs(abort);
        assertThat(waiter.placement().state()).isEqualTo(PlacementState.FAILED);

        first.record().bodies.get(0).succeed(null);
        first.awaitSuccess();
        awaitState(holder.leaseId(), LeaseState.RELEASED);
        assertThat(host.leases().leases()).noneMatch(l -> l.state() == LeaseState.ACTIVE || l.state() == LeaseState.WAITING);
        assertThat(second.record().bodies).isEmpty();
    }

    @Test
    void stoppingARunningStepReleasesAndEndsTheBody() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RunwayTaskStepExecution e = begin(step("web", "0s"), ctx);
        FakeBodyExecution body = ctx.awaitBody();
        InterruptedException abort = new InterruptedException("aborted");
        e.stop(abort);
        assertThat(ctx.awaitFailure()).isSameAs(abort);
        assertThat(body.awaitCancelled()).isSameAs(abort);
        awaitState(e.leaseId(), LeaseState.RELEASED);
    }

    @Test
    void aPlacedTaskSurvivesSerializationAndARestart() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RunwayTaskStepExecution before = begin(step("web", "0s"), ctx);
        ctx.awaitBody();
        String id = before.leaseId();

        byte[] saved = LeaseStepExecutionTest.serialize(before);
        restartHost();
        RunwayTaskStepExecution after = (RunwayTaskStepExecution) LeaseStepExecutionTest.deserialize(saved);
        after.onResume();

        assertThat(after.leaseId()).isEqualTo(id);
        assertThat(LeaseKeepers.isKept(id)).isTrue();
        assertThat(ctx.record().log()).contains("Controller restarted; still holding lease " + id);
        FakeBodyExecution persisted = (FakeBodyExecution) LeaseStepExecutionTest.deserialize(
                LeaseStepExecutionTest.serialize(ctx.record().bodies.get(0)));
        persisted.succeed("done");
        assertThat(ctx.awaitSuccess()).isEqualTo("done");
        awaitState(id, LeaseState.RELEASED);
    }

    @Test
    void aWaitingTaskIsPlacedAgainAfterARestart() throws Exception {
        FakeStepContext first = new FakeStepContext();
        RunwayTaskStepExecution holder = begin(step("solo", "0s"), first);
        first.awaitBody();
        FakeStepContext second = new FakeStepContext();
        RunwayTaskStepExecution waiter = begin(step("solo", "10m"), second);
        byte[] saved = LeaseStepExecutionTest.serialize(waiter);

        restartHost();
        clock.advance(Duration.ofMinutes(1));
        RunwayTaskStepExecution after = (RunwayTaskStepExecution) LeaseStepExecutionTest.deserialize(saved);
        after.onResume();
        assertThat(second.record().log()).contains("asking again (wait left 9m)");
        assertThat(after.placement()).isNotNull();

        host.leases().release(holder.leaseId(), holder.token()).get(10, TimeUnit.SECONDS);
        FakeBodyExecution body = second.awaitBody();
        body.succeed(null);
        second.awaitSuccess();
    }

    @Test
    void badParametersFailBeforeAnythingIsAskedAndNameTheParameter() {
        assertThatThrownBy(() -> step("web", "0s", "cpu >= lots").start(new FakeStepContext()))
                .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(e.field()).isEqualTo("constraints[0]"));
        RunwayTaskStep scoring = step("web", "0s");
        scoring.setScoring("random");
        assertThatThrownBy(() -> scoring.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("scoring"));
        RunwayTaskStep cost = step("web", "0s");
        cost.setCostLimit(-1.0);
        assertThatThrownBy(() -> cost.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("costLimitPerHour"));
        RunwayTaskStep deadline = step("web", "0s");
        deadline.setDeadline("soon");
        assertThatThrownBy(() -> deadline.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("deadline"));
        assertThat(host.leases().leases()).isEmpty();
    }

    private void restartHost() {
        HostHolder.markShuttingDown();
        host.close();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, clock, executor);
    }
}
