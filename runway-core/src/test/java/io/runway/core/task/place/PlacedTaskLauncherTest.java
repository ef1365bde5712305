package io.runway.core.task.place;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseState;
import io.runway.core.placement.PlacementService;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.pool.ResourceTemplate;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.task.LocalCommandLauncher;
import io.runway.core.task.RequirementsSpec;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskPlacementStatus;
import io.runway.core.task.TaskRunContext;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.TaskSpec;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskDocuments;
import io.runway.core.task.run.TaskRun;
import io.runway.core.task.run.TaskScheduler;
import io.runway.core.task.run.TaskSchedulerOptions;
import io.runway.core.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The placement launcher on the real engine, placement service and local slot provider, on a mutable clock. */
class PlacedTaskLauncherTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    final ExecutorService io = Executors.newCachedThreadPool();
    final InMemoryStateStore store = new InMemoryStateStore();
    LocalSlotProvider slots;
    LeaseEngine engine;
    PlacementService placements;
    PlacedTaskLauncher launcher;

    void start(PoolSpec... pools) {
        start(null, pools);
    }

    void start(io.runway.core.pool.LeaseLimits limits, PoolSpec... pools) {
        PoolsConfig config = new PoolsConfig(List.of(pools), limits);
        slots = new LocalSlotProvider(dir.resolve("slots"), 8);
        Map<String, Provider> providers = Map.of("static", new StaticProvider(), "local", slots);
        engine = LeaseEngine.start(config, providers, store, clock, executor, EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        placements = PlacementService.start(engine, config, providers, clock, executor, Duration.ZERO);
        launcher = new PlacedTaskLauncher(placements, engine, store,
                new LocalCommandLauncher(null, io, executor, 4096, Duration.ofMillis(200)),
                PlacedTaskLauncher.localSlots(config, slots), clock, executor, io);
    }

    @AfterEach
    void stop() {
        placements.close();
        engine.close();
        executor.shutdownNow();
        io.shutdownNow();
    }

    static PoolSpec fixed(String name, Map<String, Object> attributes) {
        return new PoolSpec(name, "static", List.of(new ResourceSpec(name + "-1", List.of("linux"), attributes)), Duration.ZERO, null);
    }

    static PoolSpec scaling(String name, int max) {
        return new PoolSpec(name, "local", null, null, null).withScaling(0, max, Duration.ofMinutes(10), Duration.ofSeconds(30),
                new ResourceTemplate(List.of("linux"), Map.of("cpu", 4, "region", "eu-west-1")));
    }

    static TaskSpec task(String script, String pool, String... attributes) {
        return new TaskSpec("t", List.of("/bin/sh", "-c", script), Map.of("MINE", "yes"),
                new RequirementsSpec(pool, "linux", List.of(attributes)), null, Duration.ofMinutes(5), null, null, 7, null, null,
                Duration.ofMinutes(10), null, null);
    }

    static TaskRunContext context(TaskSpec spec) {
        return new TaskRunContext("g", "g@" + T0, 1, T0, T0.minusSeconds(3600), T0, spec, null);
    }

    static <T> T await(CompletableFuture<T> f) {
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The attempt's placement reports, in order. */
    static List<TaskPlacementStatus> watch(TaskExecution ex) {
        List<TaskPlacementStatus> seen = new CopyOnWriteArrayList<>();
        ex.onPlacement(seen::add);
        return seen;
    }

    /** Waits for a condition that other threads make true (a process ending, a callback); no time thresholds. */
    static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private void assertReleased(String leaseId) throws InterruptedException {
        eventually(() -> engine.lease(leaseId).map(l -> l.state() == LeaseState.RELEASED).orElse(false));
        List<String> types = engine.events(leaseId).stream().map(AuditEvent::type).toList();
        assertThat(types).containsSubsequence("task.placed", "task.ended", "lease.released");
    }

    @Test
    void aBlockedTaskShowsWhyAndRunsWhenTheResourceIsReleased() throws Exception {
        start(fixed("fixed", Map.of("cpu", 8)));
        Grant other = await(engine.acquire(LeaseRequest.of("someone", "fixed", Duration.ofHours(1))));
        Path out = dir.resolve("env.txt");
        TaskExecution ex = launcher.launch(context(task("env > " + out, "fixed", "cpu >= 4")));
        List<TaskPlacementStatus> seen = watch(ex);
        await(placements.reconcile());
        eventually(() -> !seen.isEmpty() && seen.get(seen.size() - 1).state().equals("BLOCKED"));
        TaskPlacementStatus blocked = seen.get(seen.size() - 1);
        assertThat(blocked.reason()).contains("all 1 matching resource(s) are taken");
        assertThat(blocked.leaseId()).isNotNull();
        assertThat(ex.started()).isNotDone();

        await(engine.release(other.lease().id(), other.token()));
        await(engine.tick());
        TaskOutcome o = await(ex.outcome());
        assertThat(o.succeeded()).as(o.toString()).isTrue();
        TaskPlacementStatus placed = seen.get(seen.size() - 1);
        assertThat(placed.state()).isEqualTo("PLACED");
        assertThat(placed.resources()).containsExactly("fixed-1");
        assertThat(placed.fencingToken()).isGreaterThan(other.lease().fencingToken());
        assertThat(await(ex.started())).startsWith("lease " + placed.leaseId() + " on fixed-1, local pid ");
        List<String> env = Files.readAllLines(out);
        assertThat(env).contains("RUNWAY_LEASE_ID=" + placed.leaseId(), "RUNWAY_FENCING_TOKEN=" + placed.fencingToken(),
                "RUNWAY_RESOURCES=fixed-1", "RUNWAY_RESOURCE_0=fixed-1", "RUNWAY_RESOURCE_0_POOL=fixed", "RUNWAY_RESOURCE_0_cpu=8",
                "RUNWAY_TASK=t", "MINE=yes");
        assertThat(env).noneMatch(l -> l.startsWith("RUNWAY_WORKDIR=")); // a static pool: runway's own directory
        assertThat(engine.lease(placed.leaseId()).orElseThrow().owner()).isEqualTo("task:g");
        assertThat(engine.lease(placed.leaseId()).orElseThrow().priority()).isEqualTo(7);
        assertReleased(placed.leaseId());
    }

    @Test
    void aTaskScalesUpALocalPoolAndRunsInTheSlotDirectory() throws Exception {
        start(scaling("build", 2));
        TaskExecution ex = launcher.launch(context(task("pwd; echo \"$RUNWAY_WORKDIR $RUNWAY_RESOURCE_0_region\"; touch left-behind",
                "build", "region == eu-west-1", "cpu >= 4")));
        List<TaskPlacementStatus> seen = watch(ex);
        TaskOutcome o = await(ex.outcome()); // placing queues a scaling round at once; it provisions build-s1
        assertThat(o.succeeded()).as(o.toString()).isTrue();
        Path slot = slots.workingDirectory("build-s1");
        assertThat(o.outputTail().lines().toList()).containsExactly(slot.toRealPath().toString(), slot + " eu-west-1");
        assertThat(seen.stream().map(TaskPlacementStatus::state)).contains("PLACED");
        String lease = seen.get(seen.size() - 1).leaseId();
        assertReleased(lease);
        eventually(() -> !Files.exists(slot.resolve("left-behind"))); // the slot is cleaned after the release
    }

    @Test
    void theLeaseIsReleasedAfterAFailureAndAfterACancel() throws Exception {
        start(scaling("build", 2));
        TaskExecution failing = launcher.launch(context(task("exit 3", "build")));
        List<TaskPlacementStatus> seenFailing = watch(failing);
        TaskOutcome failed = await(failing.outcome());
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.exitCode()).isEqualTo(3);
        assertReleased(seenFailing.get(seenFailing.size() - 1).leaseId());

        TaskExecution slow = launcher.launch(context(task("sleep 600", "build")));
        List<TaskPlacementStatus> seenSlow = watch(slow);
        await(slow.started());
        slow.cancel("timeout"); // what the scheduler does at the task's timeout
        TaskOutcome cancelled = await(slow.outcome());
        assertThat(cancelled.succeeded()).isFalse();
        assertThat(cancelled.message()).startsWith("cancelled (timeout)");
        String lease = seenSlow.get(seenSlow.size() - 1).leaseId();
        assertReleased(lease);
        assertThat(engine.events(lease)).anyMatch(e -> e.type().equals("task.ended") && "FAILED".equals(e.to())
                && e.reason().startsWith("cancelled (timeout)"));
    }

    @Test
    void cancellingABlockedTaskWithdrawsItsRequest() throws Exception {
        start(fixed("fixed", Map.of("cpu", 2)));
        TaskExecution ex = launcher.launch(context(task("true", "fixed", "cpu >= 4")));
        List<TaskPlacementStatus> seen = watch(ex);
        await(placements.reconcile());
        eventually(() -> !seen.isEmpty() && seen.get(seen.size() - 1).state().equals("BLOCKED"));
        assertThat(seen.get(seen.size() - 1).reason()).startsWith("no resource matches cpu >= 4");
        String waiting = seen.get(seen.size() - 1).leaseId();
        ex.cancel("deadline");
        TaskOutcome o = await(ex.outcome());
        assertThat(o.message()).isEqualTo("cancelled (deadline) before it was placed");
        eventually(() -> engine.lease(waiting).map(l -> l.state().isTerminal()).orElse(true));
        assertThat(engine.leases()).noneMatch(l -> l.state() == LeaseState.WAITING);
    }

    @Test
    void theSchedulerShowsTheBlockedReasonThenThePlacement() throws Exception {
        start(fixed("fixed", Map.of("cpu", 8)));
        Grant other = await(engine.acquire(LeaseRequest.of("someone", "fixed", Duration.ofHours(1))));
        TaskScheduler scheduler = TaskScheduler.recover(store, store.load(), launcher, clock, TaskSchedulerOptions.DEFAULTS, (g, l) -> { });
        try {
            scheduler.register(new TaskGraphSpec("g", null, List.of(task("echo $RUNWAY_RESOURCES", "fixed", "cpu >= 4"))));
            scheduler.start(executor);
            String id = scheduler.trigger("g").id();
            eventually(() -> scheduler.run(id).orElseThrow().task("t").placement() != null);
            await(placements.reconcile());
            eventually(() -> "BLOCKED".equals(scheduler.run(id).orElseThrow().task("t").placement().state()));
            TaskRun waiting = scheduler.run(id).orElseThrow().task("t");
            assertThat(waiting.state()).isEqualTo(TaskRunState.PLACED); // handed to placement, not yet running
            assertThat(waiting.message()).startsWith("placement BLOCKED: all 1 matching resource(s) are taken");
            assertThat(scheduler.taskCounts().blockedPlacements()).isEqualTo(1);

            await(engine.release(other.lease().id(), other.token()));
            await(engine.tick());
            eventually(() -> scheduler.run(id).orElseThrow().state() == GraphRunState.SUCCEEDED);
            TaskRun done = scheduler.run(id).orElseThrow().task("t");
            assertThat(done.placement().state()).isEqualTo("PLACED");
            assertThat(done.placement().resources()).containsExactly("fixed-1");
            assertThat(done.outputTail()).isEqualTo("fixed-1\n");
            assertThat(scheduler.taskCounts().byState().get(TaskRunState.SUCCEEDED)).isEqualTo(1);
            assertThat(scheduler.taskCounts().blockedPlacements()).isZero();
            assertReleased(done.placement().leaseId());
            // the stored run carries the placement: a restarted server shows it too
            GraphRun stored = TaskDocuments.readRun(store.load().documents(TaskDocuments.RUN).values().iterator().next());
            assertThat(stored.task("t").placement()).isEqualTo(done.placement());
        } finally {
            scheduler.close();
        }
    }

    @Test
    void theSchedulersTimeoutStopsAPlacedCommandAndReleasesItsLease() throws Exception {
        start(scaling("build", 1));
        TaskScheduler scheduler = TaskScheduler.recover(store, store.load(), launcher, clock, TaskSchedulerOptions.DEFAULTS, (g, l) -> { });
        try {
            TaskSpec slow = new TaskSpec("t", List.of("/bin/sh", "-c", "sleep 600"), null, new RequirementsSpec("build", null, null),
                    null, null, null, null, null, null, null, Duration.ofMinutes(1), null, null);
            scheduler.register(new TaskGraphSpec("g", null, List.of(slow)));
            scheduler.start(executor);
            String id = scheduler.trigger("g").id();
            eventually(() -> scheduler.run(id).orElseThrow().task("t").state() == TaskRunState.RUNNING);
            String lease = scheduler.run(id).orElseThrow().task("t").placement().leaseId();
            clock.advance(Duration.ofMinutes(2)); // past the timeout, well within the lease's TTL (timeout + 5m)
            scheduler.tick();
            eventually(() -> scheduler.run(id).orElseThrow().state() == GraphRunState.FAILED);
            assertThat(scheduler.run(id).orElseThrow().task("t").state()).isEqualTo(TaskRunState.TIMED_OUT);
            assertReleased(lease);
            assertThat(engine.lease(lease).orElseThrow().endReason()).doesNotContain("expired");
        } finally {
            scheduler.close();
        }
    }

    @Test
    void aRevokedLeaseStopsTheCommandAtTheNextRenewal() throws Exception {
        // maxTtl 2s: the TTL is capped to it and the launcher renews every second, so a renewal comes soon
        start(new io.runway.core.pool.LeaseLimits(Duration.ofSeconds(2), null, null, null), scaling("build", 1));
        TaskExecution ex = launcher.launch(context(task("sleep 600", "build")));
        List<TaskPlacementStatus> seen = watch(ex);
        await(ex.started());
        String lease = seen.get(seen.size() - 1).leaseId();
        assertThat(engine.lease(lease).orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(2));
        await(engine.revoke(lease, "admin", "needed elsewhere"));
        TaskOutcome o = await(ex.outcome()); // the next renewal is refused: the command must not keep the resource
        assertThat(o.succeeded()).isFalse();
        assertThat(o.message()).startsWith("cancelled (lease lost: ");
    }

    @Test
    void aTaskWithoutRequirementsRunsWithoutPlacement() throws Exception {
        start(fixed("fixed", Map.of("cpu", 2)));
        TaskExecution ex = launcher.launch(context(TaskSpec.of("plain", List.of("/bin/sh", "-c", "echo ${RUNWAY_LEASE_ID:-none}"))));
        assertThat(await(ex.outcome()).outputTail()).isEqualTo("none\n");
        assertThat(engine.leases()).isEmpty();
    }
}
