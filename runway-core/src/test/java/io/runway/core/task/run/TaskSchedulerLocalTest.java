package io.runway.core.task.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.LocalCommandLauncher;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler with real processes, a real executor and the system clock: a graph runs end to end without placement. */
class TaskSchedulerLocalTest {
    @TempDir
    Path dir;

    @Test
    void aGraphRunsItsCommandsInDependencyOrder() throws Exception {
        Path out = dir.resolve("out.txt");
        String append = "echo \"$RUNWAY_TASK $RUNWAY_ATTEMPT\" >> " + out;
        TaskSpec a = TaskSpec.of("a", List.of("/bin/sh", "-c", append));
        TaskSpec flaky = new TaskSpec("flaky", List.of("/bin/sh", "-c", append + "; [ \"$RUNWAY_ATTEMPT\" = 2 ]"), null, null, null,
                null, null, null, null, 1, new io.runway.core.task.BackoffSpec(Duration.ofMillis(1), null, null), null, List.of("a"), null);
        TaskSpec slow = new TaskSpec("slow", List.of("/bin/sh", "-c", "sleep 600"), null, null, null, null, null, null, null, 0, null,
                Duration.ofMillis(300), List.of("a"), null);
        TaskSpec after = new TaskSpec("after", List.of("/bin/sh", "-c", append), null, null, null, null, null, null, null, null, null,
                null, List.of("flaky", "slow"), "allDone");
        CountDownLatch ended = new CountDownLatch(1);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
        ExecutorService io = Executors.newCachedThreadPool();
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir.resolve("state"))) {
            TaskScheduler scheduler = TaskScheduler.recover(store, store.load(),
                    new LocalCommandLauncher(null, io, executor, 4096, Duration.ofMillis(200)), Clock.systemUTC(),
                    TaskSchedulerOptions.DEFAULTS, (g, line) -> {
                        if (line.contains(" FAILED: ") || line.contains(" SUCCEEDED: ")) {
                            ended.countDown();
                        }
                    });
            scheduler.register(new TaskGraphSpec("local", null, List.of(a, flaky, slow, after)));
            scheduler.start(executor);
            GraphRun run = scheduler.trigger("local");
            assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
            GraphRun done = scheduler.run(run.id()).orElseThrow();
            scheduler.close();
            assertThat(done.state()).isEqualTo(GraphRunState.FAILED); // slow timed out
            assertThat(done.task("flaky").state()).isEqualTo(TaskRunState.SUCCEEDED);
            assertThat(done.task("flaky").attempt()).isEqualTo(2);
            assertThat(done.task("slow").state()).isEqualTo(TaskRunState.TIMED_OUT);
            assertThat(done.task("after").state()).isEqualTo(TaskRunState.SUCCEEDED);
            assertThat(Files.readAllLines(out)).containsExactly("a 1", "flaky 1", "flaky 2", "after 1");
        } finally {
            executor.shutdownNow();
            io.shutdownNow();
        }
    }
}
