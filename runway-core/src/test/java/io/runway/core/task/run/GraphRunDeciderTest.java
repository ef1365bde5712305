package io.runway.core.task.run;

import static io.runway.core.task.TaskRunState.FAILED;
import static io.runway.core.task.TaskRunState.PLACED;
import static io.runway.core.task.TaskRunState.QUEUED;
import static io.runway.core.task.TaskRunState.RUNNING;
import static io.runway.core.task.TaskRunState.SKIPPED;
import static io.runway.core.task.TaskRunState.SUCCEEDED;
import static io.runway.core.task.TaskRunState.TIMED_OUT;
import static io.runway.core.task.TaskRunState.UPSTREAM_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.task.BackoffSpec;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.TaskSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRunDeciderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> CMD = List.of("true");
    private final GraphRunDecider decider = new GraphRunDecider();
    private Instant now = T0;

    private static TaskSpec task(String name, String trigger, String... deps) {
        return new TaskSpec(name, CMD, null, null, null, null, null, null, null, null, null, null, List.of(deps), trigger);
    }

    private static TaskSpec retrying(String name, int retries, Duration timeout, Duration deadline) {
        return new TaskSpec(name, CMD, null, null, null, null, deadline, null, null, retries,
                new BackoffSpec(Duration.ofSeconds(10), BigDecimal.valueOf(3), Duration.ofSeconds(60)), timeout, null, null);
    }

    private GraphRun start(TaskSpec... tasks) {
        TaskGraphSpec spec = new TaskGraphSpec("g", null, List.of(tasks));
        return GraphRun.create(spec, "schedule", T0, T0.minusSeconds(3600), T0, GraphRunState.QUEUED, null)
                .withState(GraphRunState.RUNNING, T0, null);
    }

    private final List<TaskAction> actions = new ArrayList<>();

    private GraphRun decide(GraphRun run, TaskEvent... events) {
        GraphRunDecider.Decision d = decider.decide(run, List.of(events), now);
        actions.clear();
        actions.addAll(d.actions());
        return d.run();
    }

    private static TaskEvent ok(GraphRun run, String task) {
        return new TaskEvent.Finished(run.id(), task, run.task(task).attempt(), TaskOutcome.success("exit 0"));
    }

    private static TaskEvent fail(GraphRun run, String task) {
        return new TaskEvent.Finished(run.id(), task, run.task(task).attempt(), new TaskOutcome(false, 1, "exit 1", "boom"));
    }

    private static TaskEvent started(GraphRun run, String task) {
        return new TaskEvent.Started(run.id(), task, run.task(task).attempt(), "here");
    }

    private static TaskRunState state(GraphRun run, String task) {
        return run.task(task).state();
    }

    @Test
    void dependenciesStartInOrderAndTheRunSucceeds() {
        GraphRun run = decide(start(task("extract", null), task("transform", null, "extract"), task("load", null, "transform")));
        assertThat(actions).containsExactly(new TaskAction.Launch(run.id(), "extract", 1));
        assertThat(state(run, "extract")).isEqualTo(PLACED);
        run = decide(run, started(run, "extract"));
        assertThat(state(run, "extract")).isEqualTo(RUNNING);
        run = decide(run, ok(run, "extract"));
        assertThat(actions).containsExactly(new TaskAction.Launch(run.id(), "transform", 1));
        run = decide(run, ok(run, "transform"));
        run = decide(run, ok(run, "load"));
        assertThat(run.state()).isEqualTo(GraphRunState.SUCCEEDED);
        assertThat(run.endedAt()).isEqualTo(now);
    }

    @Test
    void allSuccessFailureCascadesAsUpstreamFailed() {
        GraphRun run = decide(start(task("a", null), task("b", null, "a"), task("c", null, "b")));
        run = decide(run, fail(run, "a"));
        assertThat(state(run, "a")).isEqualTo(FAILED);
        assertThat(state(run, "b")).isEqualTo(UPSTREAM_FAILED);
        assertThat(state(run, "c")).isEqualTo(UPSTREAM_FAILED);
        assertThat(run.task("b").message()).contains("a FAILED");
        assertThat(actions).isEmpty();
        assertThat(run.state()).isEqualTo(GraphRunState.FAILED);
        assertThat(run.reason()).contains("a FAILED");
    }

    @Test
    void allSuccessSkipsWhenAnUpstreamWasSkipped() {
        // "skipped" arises from oneFailed handlers that had nothing to handle
        GraphRun run = decide(start(task("a", null), task("on-fail", "oneFailed", "a"), task("after", null, "on-fail")));
        run = decide(run, ok(run, "a"));
        assertThat(state(run, "on-fail")).isEqualTo(SKIPPED);
        assertThat(state(run, "after")).isEqualTo(SKIPPED);
        assertThat(run.state()).isEqualTo(GraphRunState.SUCCEEDED);
    }

    @Test
    void allDoneRunsAfterAnyEnd() {
        GraphRun run = decide(start(task("a", null), task("b", null), task("cleanup", "allDone", "a", "b")));
        run = decide(run, fail(run, "a"));
        assertThat(state(run, "cleanup")).isEqualTo(QUEUED);
        run = decide(run, ok(run, "b"));
        assertThat(actions).containsExactly(new TaskAction.Launch(run.id(), "cleanup", 1));
        run = decide(run, ok(run, "cleanup"));
        assertThat(run.state()).isEqualTo(GraphRunState.FAILED); // a failed, even though cleanup ran
    }

    @Test
    void noneFailedAcceptsSkipsButNotFailures() {
        GraphRun run = decide(start(task("a", null), task("guard", "oneFailed", "a"), task("report", "noneFailed", "a", "guard")));
        run = decide(run, ok(run, "a"));
        assertThat(state(run, "guard")).isEqualTo(SKIPPED);
        assertThat(actions).containsExactly(new TaskAction.Launch(run.id(), "report", 1));

        GraphRun other = decide(start(task("a", null), task("b", null), task("report", "noneFailed", "a", "b")));
        other = decide(other, fail(other, "a"));
        assertThat(state(other, "report")).isEqualTo(UPSTREAM_FAILED); // decided without waiting for b
        assertThat(state(other, "b")).isEqualTo(PLACED);
    }

    @Test
    void oneFailedStartsAtTheFirstFailureAndSkipsWhenNoneFailed() {
        GraphRun run = decide(start(task("a", null), task("b", null), task("alert", "oneFailed", "a", "b")));
        run = decide(run, fail(run, "a"));
        assertThat(actions).containsExactly(new TaskAction.Launch(run.id(), "alert", 1)); // b still running
        GraphRun quiet = decide(start(task("a", null), task("b", null), task("alert", "oneFailed", "a", "b")));
        quiet = decide(quiet, ok(quiet, "a"));
        assertThat(state(quiet, "alert")).isEqualTo(QUEUED);
        quiet = decide(quiet, ok(quiet, "b"));
        assertThat(state(quiet, "alert")).isEqualTo(SKIPPED);
        assertThat(quiet.state()).isEqualTo(GraphRunState.SUCCEEDED);
    }

    @Test
    void retriesWaitOutAnExponentialBackoff() {
        GraphRun run = decide(start(retrying("flaky", 3, Duration.ofHours(1), null)));
        run = decide(run, fail(run, "flaky"));
        assertThat(state(run, "flaky")).isEqualTo(QUEUED);
        assertThat(run.task("flaky").notBefore()).isEqualTo(now.plusSeconds(10));
        now = now.plusSeconds(9);
        run = decide(run);
        assertThat(actions).isEmpty();
        now = now.plusSeconds(1);
        run = decide(run);
        assertThat(actions).containsExactly(new TaskAction.Launch(run.id(), "flaky", 2));
        run = decide(run, fail(run, "flaky"));
        assertThat(run.task("flaky").notBefore()).isEqualTo(now.plusSeconds(30)); // 10s * 3
        now = now.plusSeconds(30);
        run = decide(run);
        run = decide(run, fail(run, "flaky"));
        assertThat(run.task("flaky").notBefore()).isEqualTo(now.plusSeconds(60)); // 90s capped at max 60s
        now = now.plusSeconds(60);
        run = decide(run);
        assertThat(run.task("flaky").attempt()).isEqualTo(4);
        run = decide(run, fail(run, "flaky"));
        assertThat(state(run, "flaky")).isEqualTo(FAILED);
        assertThat(run.task("flaky").message()).contains("attempt 4 (last)");
        assertThat(run.task("flaky").outputTail()).isEqualTo("boom");
    }

    @Test
    void staleReportsOfAnAbandonedAttemptAreIgnored() {
        GraphRun run = decide(start(retrying("t", 1, Duration.ofHours(1), null)));
        TaskEvent firstFailed = fail(run, "t");
        run = decide(run, firstFailed);
        now = now.plusSeconds(10);
        run = decide(run);
        run = decide(run, firstFailed); // delivered twice
        assertThat(state(run, "t")).isEqualTo(PLACED);
        assertThat(run.task("t").attempt()).isEqualTo(2);
    }

    @Test
    void timeoutCancelsTheAttemptAndRetriesThenTimesOut() {
        GraphRun run = decide(start(retrying("slow", 1, Duration.ofMinutes(5), null)));
        run = decide(run, started(run, "slow"));
        now = now.plus(Duration.ofMinutes(5)).minusMillis(1);
        run = decide(run);
        assertThat(actions).isEmpty();
        now = now.plusMillis(1);
        run = decide(run);
        assertThat(actions).containsExactly(new TaskAction.Cancel(run.id(), "slow", 1, "timeout"));
        assertThat(state(run, "slow")).isEqualTo(QUEUED);
        now = now.plusSeconds(10);
        run = decide(run);
        run = decide(run, started(run, "slow"));
        now = now.plus(Duration.ofMinutes(5));
        run = decide(run);
        assertThat(actions).containsExactly(new TaskAction.Cancel(run.id(), "slow", 2, "timeout"));
        assertThat(state(run, "slow")).isEqualTo(TIMED_OUT);
        assertThat(run.state()).isEqualTo(GraphRunState.FAILED);
    }

    @Test
    void deadlineStopsTheTaskWithoutRetries() {
        GraphRun run = decide(start(retrying("report", 5, Duration.ofHours(1), Duration.ofMinutes(30)), task("after", null, "report")));
        run = decide(run, started(run, "report"));
        now = T0.plus(Duration.ofMinutes(30));
        run = decide(run);
        assertThat(actions).containsExactly(new TaskAction.Cancel(run.id(), "report", 1, "deadline"));
        assertThat(state(run, "report")).isEqualTo(TIMED_OUT);
        assertThat(state(run, "after")).isEqualTo(UPSTREAM_FAILED);
    }

    @Test
    void queuedRunsAreNotDecided() {
        TaskGraphSpec spec = new TaskGraphSpec("g", null, List.of(task("a", null)));
        GraphRun queued = GraphRun.create(spec, "schedule", T0, T0, T0, GraphRunState.QUEUED, null);
        assertThat(decide(queued)).isSameAs(queued);
        assertThat(actions).isEmpty();
    }
}
