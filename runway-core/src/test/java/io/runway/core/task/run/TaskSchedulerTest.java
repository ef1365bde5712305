package io.runway.core.task.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.ScheduleSpec;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.TaskSpec;
import io.runway.core.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner end to end on a mutable clock, a hand-driven launcher and the embedded store (reopened for restarts). */
class TaskSchedulerTest {
    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:30Z");
    private final List<String> log = new ArrayList<>();
    private FakeLauncher launcher = new FakeLauncher();
    private StateStore store;
    private TaskScheduler scheduler;
    private TaskSchedulerOptions options = TaskSchedulerOptions.DEFAULTS;

    private TaskScheduler open() {
        store = EmbeddedStateStore.open(dir);
        launcher = new FakeLauncher();
        scheduler = TaskScheduler.recover(store, store.load(), launcher, clock, options,
                (g, line) -> log.add(line));
        return scheduler;
    }

    /**
     * A restart: the old scheduler is dropped without close() (its attempts are simply gone, as after
     * kill -9). The store is closed only to release its directory lock; every commit the scheduler made
     * was durable when it returned, so closing adds nothing the reopened store relies on.
     */
    private TaskScheduler restart() {
        store.close();
        return open();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static TaskGraphSpec graph(ScheduleSpec schedule, TaskSpec... tasks) {
        return new TaskGraphSpec("etl", schedule, List.of(tasks));
    }

    private static ScheduleSpec hourly(String missed, int maxActive, boolean noOverlap) {
        return new ScheduleSpec("0 * * * *", "UTC", missed, 3, maxActive, noOverlap);
    }

    private static final TaskSpec A = TaskSpec.of("a", List.of("true"));
    private static final TaskSpec B = TaskSpec.of("b", List.of("true"), "a");

    private List<Instant> runInstants() {
        return scheduler.runs("etl").stream().map(GraphRun::scheduledFor).sorted().toList();
    }

    @Test
    void oneRunPerInstantWithItsDataInterval() {
        open().register(graph(hourly("skip", 1, false), A, B));
        scheduler.tick();
        assertThat(scheduler.runs("etl")).isEmpty();
        clock.set(Instant.parse("2026-01-01T01:00:00.050Z"));
        scheduler.tick();
        GraphRun run = scheduler.runs("etl").get(0);
        assertThat(run.scheduledFor()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(run.intervalStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(launcher.keys()).containsExactly("etl@2026-01-01T01:00:00Z/a#1");
        assertThat(launcher.last("a").context.environment()).containsEntry("RUNWAY_DATA_INTERVAL_START", "2026-01-01T00:00:00Z")
                .containsEntry("RUNWAY_DATA_INTERVAL_END", "2026-01-01T01:00:00Z").containsEntry("RUNWAY_ATTEMPT", "1");
        scheduler.tick(); // a second tick in the same minute does not fire again
        assertThat(scheduler.runs("etl")).hasSize(1);
        launcher.last("a").succeed();
        scheduler.tick();
        launcher.last("b").succeed();
        scheduler.tick();
        assertThat(scheduler.run(run.id()).orElseThrow().state()).isEqualTo(GraphRunState.SUCCEEDED);
        assertThat(scheduler.nextFire("etl")).contains(Instant.parse("2026-01-01T02:00:00Z"));
    }

    @Test
    void maxActiveRunsQueuesFurtherInstants() {
        open().register(graph(hourly("skip", 1, false), A));
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        clock.set(Instant.parse("2026-01-01T02:00:00Z"));
        scheduler.tick();
        assertThat(scheduler.runs("etl")).extracting(GraphRun::state).containsExactly(GraphRunState.QUEUED, GraphRunState.RUNNING);
        launcher.last("a").succeed();
        scheduler.tick();
        assertThat(scheduler.runs("etl")).extracting(GraphRun::state).containsExactly(GraphRunState.RUNNING, GraphRunState.SUCCEEDED);
        assertThat(launcher.keys()).containsExactly("etl@2026-01-01T01:00:00Z/a#1", "etl@2026-01-01T02:00:00Z/a#1");
    }

    @Test
    void twoActiveRunsOverlapWhenAllowed() {
        open().register(graph(hourly("skip", 2, false), A));
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        clock.set(Instant.parse("2026-01-01T02:00:00Z"));
        scheduler.tick();
        assertThat(scheduler.runs("etl")).extracting(GraphRun::state).containsOnly(GraphRunState.RUNNING);
        assertThat(launcher.launched).hasSize(2);
    }

    @Test
    void prohibitOverlapSkipsAnInstantWhileARunIsActive() {
        open().register(graph(hourly("skip", 5, true), A));
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        clock.set(Instant.parse("2026-01-01T02:00:00Z"));
        scheduler.tick();
        GraphRun skipped = scheduler.runs("etl").get(0);
        assertThat(skipped.state()).isEqualTo(GraphRunState.SKIPPED);
        assertThat(skipped.reason()).contains("overlap: etl@2026-01-01T01:00:00Z");
        launcher.last("a").succeed();
        scheduler.tick();
        clock.set(Instant.parse("2026-01-01T03:00:00Z"));
        scheduler.tick();
        assertThat(scheduler.runs("etl").get(0).state()).isEqualTo(GraphRunState.RUNNING);
    }

    @Test
    void restartBetweenFiresFollowsEachMissedRunPolicy() {
        assertThat(missedAfterDowntime("skip")).isEmpty();
        assertThat(missedAfterDowntime("runOnce")).containsExactly(Instant.parse("2026-01-01T05:00:00Z"));
        assertThat(missedAfterDowntime("catchUp")).containsExactly(Instant.parse("2026-01-01T03:00:00Z"),
                Instant.parse("2026-01-01T04:00:00Z"), Instant.parse("2026-01-01T05:00:00Z")); // bound 3 of 5
    }

    /** Fires 01:00, goes down, comes back at 05:30: which instants ran after the restart? */
    private List<Instant> missedAfterDowntime(String policy) {
        dir = dir.resolve(policy);
        clock.set(Instant.parse("2026-01-01T00:00:30Z"));
        TaskGraphSpec spec = graph(hourly(policy, 10, false), A);
        open().register(spec);
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        assertThat(runInstants()).containsExactly(Instant.parse("2026-01-01T01:00:00Z"));
        restart();
        clock.set(Instant.parse("2026-01-01T05:30:00Z"));
        scheduler.register(spec);
        scheduler.tick();
        List<Instant> after = new ArrayList<>(runInstants());
        after.remove(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        restart().register(spec); // and a second restart decides nothing twice
        scheduler.tick();
        List<Instant> again = new ArrayList<>(runInstants());
        again.remove(Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(again).isEqualTo(after);
        store.close();
        store = null;
        return after;
    }

    @Test
    void restartRightAfterAFireNeitherLosesNorDoublesTheRun() {
        TaskGraphSpec spec = graph(hourly("catchUp", 1, false), A);
        open().register(spec);
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        restart().register(spec);
        clock.advance(Duration.ofSeconds(5));
        scheduler.tick();
        assertThat(scheduler.runs("etl")).hasSize(1);
    }

    @Test
    void restartInTheMiddleOfARunRetriesTheLostAttemptAndContinues() {
        TaskSpec a = new TaskSpec("a", List.of("true"), null, null, null, null, null, null, null, 1, null, null, null, null);
        TaskGraphSpec spec = graph(hourly("skip", 1, false), a, B);
        open().register(spec);
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        launcher.last("a").started.complete("fake");
        scheduler.tick();
        String id = scheduler.runs("etl").get(0).id();
        assertThat(scheduler.run(id).orElseThrow().task("a").state()).isEqualTo(TaskRunState.RUNNING);

        restart().register(spec);
        assertThat(scheduler.run(id).orElseThrow().task("a").state()).isEqualTo(TaskRunState.RUNNING);
        scheduler.tick(); // the attempt is gone with the old process: failed, retried after backoff
        GraphRun run = scheduler.run(id).orElseThrow();
        assertThat(run.task("a").state()).isEqualTo(TaskRunState.QUEUED);
        assertThat(run.task("a").message()).contains("lost at restart");
        clock.advance(Duration.ofSeconds(10));
        scheduler.tick();
        assertThat(launcher.keys()).containsExactly(id + "/a#2");
        launcher.last("a").succeed();
        scheduler.tick();
        launcher.last("b").succeed();
        scheduler.tick();
        assertThat(scheduler.run(id).orElseThrow().state()).isEqualTo(GraphRunState.SUCCEEDED);
        assertThat(scheduler.runs("etl")).hasSize(1);
    }

    @Test
    void timeoutCancelsTheLaunchedAttempt() {
        TaskSpec slow = new TaskSpec("a", List.of("sleep", "1000"), null, null, null, null, null, null, null, 0, null,
                Duration.ofMinutes(2), null, null);
        open().register(graph(hourly("skip", 1, false), slow));
        clock.set(Instant.parse("2026-01-01T01:00:00Z"));
        scheduler.tick();
        launcher.last("a").started.complete("fake");
        scheduler.tick();
        clock.advance(Duration.ofMinutes(2));
        scheduler.tick();
        assertThat(launcher.last("a").cancelled).isEqualTo("timeout");
        scheduler.tick(); // the cancelled attempt's own report changes nothing
        GraphRun run = scheduler.runs("etl").get(0);
        assertThat(run.task("a").state()).isEqualTo(TaskRunState.TIMED_OUT);
        assertThat(run.state()).isEqualTo(GraphRunState.FAILED);
    }

    @Test
    void backfillCreatesOneRunPerInstantUnderMaxActiveRuns() {
        open().register(graph(hourly("skip", 2, false), A));
        List<GraphRun> created = scheduler.backfill("etl", Instant.parse("2025-12-31T20:00:00Z"), Instant.parse("2025-12-31T23:30:00Z"));
        assertThat(created).extracting(GraphRun::scheduledFor).extracting(Instant::toString)
                .containsExactly("2025-12-31T20:00:00Z", "2025-12-31T21:00:00Z", "2025-12-31T22:00:00Z", "2025-12-31T23:00:00Z");
        assertThat(created.get(0).intervalStart()).isEqualTo(Instant.parse("2025-12-31T19:00:00Z"));
        scheduler.tick();
        assertThat(launcher.launched).hasSize(2); // maxActiveRuns 2, oldest first
        assertThat(launcher.launched.get(0).context.scheduledFor()).isEqualTo(Instant.parse("2025-12-31T20:00:00Z"));
        assertThat(scheduler.backfill("etl", Instant.parse("2025-12-31T20:00:00Z"), Instant.parse("2025-12-31T23:30:00Z"))).isEmpty();
        assertThatThrownBy(() -> scheduler.backfill("etl", Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 1000");
        assertThatThrownBy(() -> scheduler.backfill("etl", Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void manualRunAndUnscheduledGraphs() {
        open().register(new TaskGraphSpec("adhoc", null, List.of(A)));
        GraphRun run = scheduler.trigger("adhoc");
        assertThat(run.trigger()).isEqualTo("manual");
        scheduler.tick();
        assertThat(launcher.keys()).containsExactly(run.id() + "/a#1");
        assertThat(scheduler.nextFire("adhoc")).isEmpty();
    }

    @Test
    void finishedRunsBeyondTheRetentionAreDeletedFromTheStore() {
        options = new TaskSchedulerOptions(Duration.ofSeconds(1), Duration.ofMinutes(1), 2, 1000);
        TaskGraphSpec spec = graph(hourly("skip", 1, false), A);
        open().register(spec);
        for (int h = 1; h <= 4; h++) {
            clock.set(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(h)));
            scheduler.tick();
            launcher.last("a").succeed();
            scheduler.tick();
        }
        assertThat(runInstants()).extracting(Instant::toString).containsExactly("2026-01-01T03:00:00Z", "2026-01-01T04:00:00Z");
        restart().register(spec);
        assertThat(runInstants()).extracting(Instant::toString).containsExactly("2026-01-01T03:00:00Z", "2026-01-01T04:00:00Z");
    }
}
