package io.runway.core.task.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.task.BackoffSpec;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.ScheduleSpec;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads request runs and backfills while ticks run on the host's pool and a launcher reports from
 * other threads. Checked over the whole history: every (run, task, attempt) is launched exactly once,
 * attempts stay within the retries, dependencies are respected, every run ends, and the store holds
 * exactly what memory holds.
 */
class TaskSchedulerConcurrencyTest {
    private static final int GRAPHS = 4;
    private static final int CALLERS = 8;

    /** Launches recorded by key; outcomes reported from another pool, at random, mostly successes. */
    private static final class RandomLauncher implements TaskLauncher {
        final Map<String, Integer> launches = new ConcurrentHashMap<>();
        final Map<String, Long> ended = new ConcurrentHashMap<>();
        final Map<String, Long> started = new ConcurrentHashMap<>();
        final AtomicInteger clock = new AtomicInteger();
        final ExecutorService reporters = Executors.newFixedThreadPool(4);

        @Override
        public TaskExecution launch(io.runway.core.task.TaskRunContext c) {
            String key = c.runId() + "/" + c.task() + "#" + c.attempt();
            launches.merge(key, 1, Integer::sum);
            started.put(c.runId() + "/" + c.task() + "#" + c.attempt(), (long) clock.incrementAndGet());
            CompletableFuture<String> s = new CompletableFuture<>();
            CompletableFuture<TaskOutcome> o = new CompletableFuture<>();
            reporters.execute(() -> {
                s.complete("here");
                boolean ok = ThreadLocalRandom.current().nextInt(4) != 0;
                ended.put(c.runId() + "/" + c.task() + "#" + c.attempt(), (long) clock.incrementAndGet());
                o.complete(ok ? TaskOutcome.success("exit 0") : new TaskOutcome(false, 1, "exit 1", ""));
            });
            return new TaskExecution() {
                public CompletableFuture<String> started() {
                    return s;
                }

                public CompletableFuture<TaskOutcome> outcome() {
                    return o;
                }

                public void cancel(String reason) {
                    o.complete(TaskOutcome.failure("cancelled"));
                }
            };
        }
    }

    private static TaskGraphSpec graph(int i) {
        BackoffSpec fast = new BackoffSpec(Duration.ofMillis(1), null, Duration.ofMillis(1));
        TaskSpec a = new TaskSpec("a", List.of("x"), null, null, null, null, null, null, null, 2, fast, null, null, null);
        TaskSpec b = new TaskSpec("b", List.of("x"), null, null, null, null, null, null, null, 1, fast, null, List.of("a"), null);
        TaskSpec c = new TaskSpec("c", List.of("x"), null, null, null, null, null, null, null, 0, null, null, List.of("a", "b"), "allDone");
        return new TaskGraphSpec("g" + i, new ScheduleSpec("*/5 * * * *", "UTC", "skip", null, 3, false), List.of(a, b, c));
    }

    @Test
    void concurrentRequestsKeepEveryInvariant() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        RandomLauncher launcher = new RandomLauncher();
        ScheduledExecutorService host = Executors.newScheduledThreadPool(4);
        TaskScheduler scheduler = TaskScheduler.recover(store, store.load(), launcher, Clock.systemUTC(),
                new TaskSchedulerOptions(Duration.ofMillis(5), Duration.ofMinutes(1), 1000, 1000), (g, l) -> { });
        for (int i = 0; i < GRAPHS; i++) {
            scheduler.register(graph(i));
        }
        scheduler.start(host);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        Instant day = Instant.parse("2026-01-01T00:00:00Z");
        for (int t = 0; t < CALLERS; t++) {
            int caller = t;
            done.add(callers.submit(() -> {
                go.await();
                for (int k = 0; k < 20; k++) {
                    String g = "g" + ((caller + k) % GRAPHS);
                    if (k % 2 == 0) {
                        scheduler.trigger(g);
                    } else { // overlapping ranges from every caller
                        Instant from = day.plus(Duration.ofMinutes(5L * (k % 7)));
                        scheduler.backfill(g, from, from.plus(Duration.ofMinutes(20)));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (var f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        boolean allEnded = false;
        for (int i = 0; i < 6000 && !allEnded; i++) { // waits for the work to drain; no timing is asserted
            allEnded = scheduler.runs(null).stream().noneMatch(GraphRun::isActive);
            if (!allEnded) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
        scheduler.close();
        host.shutdownNow();
        callers.shutdownNow();
        launcher.reporters.shutdownNow();
        assertThat(allEnded).as("every run ended").isTrue();

        List<GraphRun> runs = scheduler.runs(null);
        assertThat(runs.stream().map(GraphRun::id).distinct().count()).isEqualTo(runs.size());
        // every backfill instant has exactly one run per graph: ranges overlapped but instants were never doubled
        assertThat(runs.stream().filter(r -> r.trigger().equals("backfill")).map(r -> r.graph() + r.scheduledFor()).distinct().count())
                .isEqualTo(runs.stream().filter(r -> r.trigger().equals("backfill")).count());
        assertThat(launcher.launches.values()).allMatch(n -> n == 1);
        for (GraphRun r : runs) {
            assertThat(r.state()).isIn(GraphRunState.SUCCEEDED, GraphRunState.FAILED);
            r.tasks().forEach((name, t) -> {
                int maxAttempts = 1 + r.spec().task(name).retries();
                assertThat(t.attempt()).as(r.id() + " " + name).isBetween(0, maxAttempts);
                for (int a = 1; a <= t.attempt(); a++) {
                    assertThat(launcher.launches).containsKey(r.id() + "/" + name + "#" + a);
                }
                assertThat(launcher.launches).doesNotContainKey(r.id() + "/" + name + "#" + (t.attempt() + 1));
            });
            // b started only after a's successful attempt ended (allSuccess), c after both ended (allDone)
            if (r.task("b").attempt() > 0) {
                long aEnd = launcher.ended.get(r.id() + "/a#" + r.task("a").attempt());
                assertThat(launcher.started.get(r.id() + "/b#1")).isGreaterThan(aEnd);
            }
            if (r.task("c").attempt() > 0 && r.task("b").attempt() > 0) {
                assertThat(launcher.started.get(r.id() + "/c#1")).isGreaterThan(launcher.ended.get(r.id() + "/b#" + r.task("b").attempt()));
            }
        }
        // the store holds exactly the runs memory holds, in their final state
        Map<String, io.runway.core.store.DocumentRecord> stored = store.load().documents(TaskDocuments.RUN);
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(runs.stream().map(GraphRun::id).toList());
        for (GraphRun r : runs) {
            assertThat(TaskDocuments.readRun(stored.get(r.id()))).isEqualTo(r);
        }
    }
}
