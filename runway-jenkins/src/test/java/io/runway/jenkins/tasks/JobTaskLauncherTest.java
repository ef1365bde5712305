package io.runway.jenkins.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.LeaseState;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.RequirementsSpec;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunContext;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.TaskSpec;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskScheduler;
import io.runway.core.task.run.TaskSchedulerOptions;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.tasks.FakeJobTrigger.FakeBuild;
import io.runway.jenkins.testing.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job task launcher on a real engine and placement, with a fake job trigger instead of Jenkins. */
class JobTaskLauncherTest {
    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private ScheduledExecutorService executor;
    private RunwayHost host;
    private final FakeJobTrigger jobs = new FakeJobTrigger("etl/extract", "etl/load");
    private JobTaskLauncher launcher;

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, clock, executor);
        launcher = new JobTaskLauncher(HostHolder::getOrNull, jobs, Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() {
        if (HostHolder.getOrNull() != null) {
            HostHolder.get().close();
        }
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private static TaskSpec task(String name, String job, String pool, List<String> attributes, String... dependsOn) {
        return new TaskSpec(name, null, Map.of("MODE", "full"), new RequirementsSpec(pool, null, attributes), null, null, null,
                null, null, null, null, null, List.of(dependsOn), null, job);
    }

    private TaskRunContext context(TaskSpec spec) {
        Instant at = clock.instant();
        return new TaskRunContext("etl", "etl-manual-1", 1, at, at.minusSeconds(3600), at, spec, null);
    }

    private static TaskOutcome outcome(TaskExecution e) throws Exception {
        return e.outcome().get(10, TimeUnit.SECONDS);
    }

    private void assertNothingHeld() throws Exception {
        host.leases().tick().get(10, TimeUnit.SECONDS);
        assertThat(host.leases().leases()).noneMatch(l -> l.state() == LeaseState.ACTIVE || l.state() == LeaseState.WAITING);
    }

    @Test
    void aSuccessfulBuildOnThePlacedResourceSucceedsAndReleasesTheLease() throws Exception {
        TaskExecution e = launcher.launch(context(task("extract", "etl/extract", "web", List.of("cpu >= 8"))));
        FakeBuild build = jobs.next();

        assertThat(build.job).isEqualTo("etl/extract");
        assertThat(build.parameters).containsEntry("RUNWAY_GRAPH", "etl").containsEntry("RUNWAY_TASK", "extract")
                .containsEntry("RUNWAY_ATTEMPT", "1").containsEntry("MODE", "full")
                .containsEntry("RUNWAY_RESOURCES", "web-2").containsEntry("RUNWAY_RESOURCE_0", "web-2")
                .containsEntry("RUNWAY_RESOURCE_0_cpu", "8").containsKey("RUNWAY_LEASE_ID").containsKey("RUNWAY_FENCING_TOKEN");
        String leaseId = build.parameters.get("RUNWAY_LEASE_ID");
        assertThat(host.leases().lease(leaseId).orElseThrow().owner()).isEqualTo("task:etl-manual-1/extract#1");
        assertThat(e.started()).isNotDone();

        build.start();
        assertThat(e.started().get(10, TimeUnit.SECONDS)).startsWith("etl/extract #1 on web-2");
        assertThat(host.leases().lease(leaseId).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
        build.end("SUCCESS");

        TaskOutcome o = outcome(e);
        assertThat(o.succeeded()).isTrue();
        assertNothingHeld();
    }

    @Test
    void anythingButSuccessIsAFailedAttempt() throws Exception {
        for (String result : List.of("FAILURE", "UNSTABLE", "NOT_BUILT")) {
            TaskExecution e = launcher.launch(context(task("extract", "etl/extract", "web", List.of())));
            FakeBuild build = jobs.next();
            build.start();
            build.end(result);
            TaskOutcome o = outcome(e);
            assertThat(o.succeeded()).as(result).isFalse();
            assertThat(o.message()).contains(result);
        }
        assertNothingHeld();
    }

    @Test
    void cancellingARunningAttemptAbortsTheBuild() throws Exception {
        TaskExecution e = launcher.launch(context(task("extract", "etl/extract", "web", List.of())));
        FakeBuild build = jobs.next();
        build.start();

        e.cancel("timeout");
        e.cancel("timeout"); // idempotent

        // The trigger hands the build to the test before the execution records it; a cancel in between aborts
        // the build as soon as it is recorded, so the abort is checked once the outcome has settled.
        TaskOutcome o = outcome(e);
        assertThat(build.abortedFor).isEqualTo("timeout");
        assertThat(o.succeeded()).isFalse();
        assertThat(o.message()).contains("ABORTED").contains("timeout");
        assertNothingHeld();
    }

    @Test
    void cancellingBeforePlacementCancelsThePlacementAndNoBuildStarts() throws Exception {
        TaskExecution holder = launcher.launch(context(task("extract", "etl/extract", "solo", List.of())));
        FakeBuild first = jobs.next();
        TaskExecution waiting = launcher.launch(context(task("load", "etl/load", "solo", List.of())));

        waiting.cancel("deadline");
        TaskOutcome o = outcome(waiting);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.message()).contains("cancelled before it was placed: deadline");

        first.start();
        first.end("SUCCESS");
        assertThat(outcome(holder).succeeded()).isTrue();
        assertNothingHeld();
        assertThat(jobs.builds).isEmpty();
    }

    @Test
    void aTaskWithoutAJobOrWithAnUnknownJobFailsWithAReasonAndHoldsNothing() throws Exception {
        TaskExecution none = launcher.launch(context(TaskSpec.of("cmd", List.of("echo", "hi"))));
        assertThat(outcome(none).message()).contains("names no job");

        TaskExecution unknown = launcher.launch(context(task("x", "etl/missing", "web", List.of())));
        assertThat(outcome(unknown).message()).contains("could not start job 'etl/missing'").contains("no job named");
        assertNothingHeld();
    }

    @Test
    void graphDependenciesFollowBuildCompletionThroughTheScheduler() throws Exception {
        TaskGraphSpec graph = new TaskGraphSpec("etl", null, List.of(
                task("extract", "etl/extract", "web", List.of()),
                task("load", "etl/load", "web", List.of(), "extract")));
        var store = new io.runway.core.store.memory.InMemoryStateStore();
        TaskScheduler scheduler = TaskScheduler.recover(store, store.load(), launcher, clock,
                TaskSchedulerOptions.DEFAULTS, (g, line) -> { });
        scheduler.register(graph);
        GraphRun run = scheduler.trigger("etl");
        scheduler.tick();

        FakeBuild extract = jobs.next();
        assertThat(extract.job).isEqualTo("etl/extract");
        assertThat(jobs.builds).as("load waits for extract").isEmpty();
        extract.start();
        extract.end("SUCCESS");

        FakeBuild load = awaitBuild(scheduler);
        assertThat(load.job).isEqualTo("etl/load");
        load.start();
        load.end("SUCCESS");
        for (int i = 0; i < 100 && scheduler.run(run.id()).orElseThrow().state() != GraphRunState.SUCCEEDED; i++) {
            outcomeSettles(scheduler);
        }
        GraphRun done = scheduler.run(run.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(GraphRunState.SUCCEEDED);
        assertThat(done.task("load").state()).isEqualTo(TaskRunState.SUCCEEDED);
        scheduler.close();
    }

    /** Ticks until the launcher's report is decided and the next build is triggered (reports arrive on other threads). */
    private FakeBuild awaitBuild(TaskScheduler scheduler) throws Exception {
        for (int i = 0; i < 200; i++) {
            scheduler.tick();
            FakeBuild b = jobs.builds.poll(50, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
        }
        throw new AssertionError("the downstream build was never triggered");
    }

    private void outcomeSettles(TaskScheduler scheduler) throws Exception {
        scheduler.tick();
        jobs.builds.poll(50, TimeUnit.MILLISECONDS); // a bounded wait for the report, not a timing assertion
    }
}
