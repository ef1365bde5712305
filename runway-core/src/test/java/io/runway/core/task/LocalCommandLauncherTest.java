package io.runway.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: the shell here is the test's program, not something the launcher adds. */
class LocalCommandLauncherTest {
    @TempDir
    Path dir;
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Instant t0 = Instant.parse("2026-01-01T01:00:00Z");

    @AfterEach
    void stop() {
        io.shutdownNow();
        timer.shutdownNow();
    }

    private TaskRunContext context(List<String> command, Map<String, String> env) {
        TaskSpec spec = new TaskSpec("t", command, env, null, null, null, null, null, null, null, null, null, null, null);
        return new TaskRunContext("g", "g@run", 1, t0, t0.minusSeconds(3600), t0, spec, null);
    }

    @Test
    void runsTheArgumentsWithoutAShellAndPassesTheEnvironment() throws Exception {
        LocalCommandLauncher launcher = new LocalCommandLauncher(io, timer);
        TaskExecution ex = launcher.launch(context(List.of("/bin/sh", "-c", "echo \"$RUNWAY_TASK $MODE $RUNWAY_DATA_INTERVAL_END\"; exit 3"),
                Map.of("MODE", "full")));
        TaskOutcome o = ex.outcome().get(30, TimeUnit.SECONDS);
        assertThat(ex.started().getNow(null)).startsWith("local pid ");
        assertThat(o.succeeded()).isFalse();
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.outputTail()).isEqualTo("t full 2026-01-01T01:00:00Z\n");
        // an argument with spaces and quotes reaches the program as one argument, unexpanded
        TaskOutcome echo = launcher.launch(context(List.of("/bin/echo", "a b", "$HOME", "'q'"), Map.of())).outcome().get(30, TimeUnit.SECONDS);
        assertThat(echo.succeeded()).isTrue();
        assertThat(echo.outputTail()).isEqualTo("a b $HOME 'q'\n");
    }

    @Test
    void keepsOnlyTheTailOfLongOutput() throws Exception {
        LocalCommandLauncher launcher = new LocalCommandLauncher(null, io, timer, 1024, Duration.ofSeconds(1));
        TaskOutcome o = launcher.launch(context(List.of("/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done"),
                Map.of())).outcome().get(30, TimeUnit.SECONDS);
        assertThat(o.succeeded()).isTrue();
        assertThat(o.outputTail()).hasSize(1024).endsWith("line-1999\n");
    }

    @Test
    void aMissingProgramFailsTheAttempt() throws Exception {
        TaskOutcome o = new LocalCommandLauncher(io, timer).launch(context(List.of(dir.resolve("nope").toString()), Map.of()))
                .outcome().get(30, TimeUnit.SECONDS);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.message()).startsWith("cannot start");
    }

    @Test
    void cancelKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        LocalCommandLauncher launcher = new LocalCommandLauncher(null, io, timer, 1024, Duration.ofMillis(500));
        TaskExecution ex = launcher.launch(context(List.of("/bin/sh", "-c",
                "trap '' TERM; sleep 300 & echo $! > " + pidFile + "; wait"), Map.of()));
        ex.started().get(30, TimeUnit.SECONDS);
        long child = -1;
        for (int i = 0; i < 6000 && child < 0; i++) { // waits for the process to write the file; no timing asserted
            String text = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
            if (text.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(5);
            } else {
                child = Long.parseLong(text);
            }
        }
        assertThat(child).isPositive();
        ex.cancel("timeout");
        TaskOutcome o = ex.outcome().get(30, TimeUnit.SECONDS);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.message()).startsWith("cancelled (timeout)");
        long pid = child;
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aChildHoldingTheOutputOpenDoesNotHoldTheOutcome() throws Exception {
        TaskOutcome o = new LocalCommandLauncher(io, timer).launch(context(List.of("/bin/sh", "-c", "sleep 60 & echo $!"), Map.of()))
                .outcome().get(30, TimeUnit.SECONDS);
        assertThat(o.succeeded()).isTrue();
        long orphan = Long.parseLong(o.outputTail().strip());
        ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
    }
}
