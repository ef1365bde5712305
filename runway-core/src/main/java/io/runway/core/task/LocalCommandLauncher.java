package io.runway.core.task;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task's command as a process on this machine: no shell (the argument list is passed as is), the
 * context's environment variables added to runway's own, standard error merged into standard output of
 * which the last {@code tailBytes} are kept. Cancelling sends SIGTERM to the process and all its
 * descendants, then SIGKILL to what is left after {@code killGrace}. Requirements (pool, capability,
 * attributes) are not checked here: this launcher is for running graphs without placement.
 */
public final class LocalCommandLauncher implements TaskLauncher {
    private static final long OUTPUT_GRACE_MS = 2000;
    private final File workingDirectory;
    private final Executor ioExecutor;
    private final ScheduledExecutorService timer;
    private final int tailBytes;
    private final Duration killGrace;

    /**
     * @param workingDirectory where commands run, or null for runway's own
     * @param ioExecutor runs one blocking output reader per process (the host's pool)
     * @param timer schedules the SIGKILL after a cancel
     */
    public LocalCommandLauncher(File workingDirectory, Executor ioExecutor, ScheduledExecutorService timer, int tailBytes,
                                Duration killGrace) {
        this.workingDirectory = workingDirectory;
        this.ioExecutor = ioExecutor;
        this.timer = timer;
        this.tailBytes = Math.max(256, tailBytes);
        this.killGrace = killGrace;
    }

    public LocalCommandLauncher(Executor ioExecutor, ScheduledExecutorService timer) {
        this(null, ioExecutor, timer, 8192, Duration.ofSeconds(5));
    }

    @Override
    public TaskExecution launch(TaskRunContext context) {
        return launch(context, workingDirectory, Map.of());
    }

    /**
     * Runs the command in {@code directory} (null: runway's own) with {@code extraEnvironment} added after
     * the context's (the placement launcher passes the lease's variables and the slot directory here).
     */
    public TaskExecution launch(TaskRunContext context, File directory, Map<String, String> extraEnvironment) {
        Run run = new Run();
        ProcessBuilder pb = new ProcessBuilder(context.spec().command()).redirectErrorStream(true);
        if (directory != null) {
            pb.directory(directory);
        }
        pb.environment().putAll(context.environment());
        pb.environment().putAll(extraEnvironment);
        Process process;
        try {
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            run.outcome.complete(TaskOutcome.failure("cannot start " + context.spec().command().get(0) + ": " + e.getMessage()));
            return run;
        }
        run.process = process;
        closeQuietly(process);
        run.started.complete("local pid " + process.pid());
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> run.tail.drain(process.getInputStream()), ioExecutor);
        // A child that outlives the command may hold its output open: wait for the output briefly, not for the child.
        process.onExit().thenCompose(p -> drained.exceptionally(e -> null).completeOnTimeout(null, OUTPUT_GRACE_MS, TimeUnit.MILLISECONDS))
                .whenComplete((ignored, e) -> {
            int exit = process.exitValue();
            String why = run.cancelReason != null ? "cancelled (" + run.cancelReason + "), exit " + exit : "exit " + exit;
            run.outcome.complete(new TaskOutcome(exit == 0 && run.cancelReason == null, exit, why, run.tail.text()));
        });
        return run;
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close(); // tasks read no input
        } catch (IOException e) {
            // nothing to do: the process may already have exited
        }
    }

    /** One process and its reports. */
    private final class Run implements TaskExecution {
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
        final Tail tail = new Tail(tailBytes);
        volatile Process process;
        volatile String cancelReason;

        @Override
        public CompletableFuture<String> started() {
            return started;
        }

        @Override
        public CompletableFuture<TaskOutcome> outcome() {
            return outcome;
        }

        @Override
        public synchronized void cancel(String reason) {
            Process p = process;
            if (p == null || cancelReason != null || !p.isAlive()) {
                return;
            }
            cancelReason = reason;
            List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
            tree.add(p.toHandle());
            tree.forEach(ProcessHandle::destroy);
            timer.schedule(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
                    killGrace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last bytes of a stream, kept in a ring. */
    static final class Tail {
        private final byte[] ring;
        private long written;

        Tail(int size) {
            this.ring = new byte[size];
        }

        void drain(InputStream in) {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    append(buf, n);
                }
            } catch (IOException e) {
                // The process went away with its pipe; what was read is kept.
            }
        }

        synchronized void append(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (written++ % ring.length)] = buf[i];
            }
        }

        synchronized String text() {
            int size = (int) Math.min(written, ring.length);
            byte[] out = new byte[size];
            long start = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
