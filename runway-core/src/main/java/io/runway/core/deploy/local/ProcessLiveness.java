package io.runway.core.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether a process is really running, and whether a pid still names the process we started. */
final class ProcessLiveness {
    /**
     * The OS reports start times in clock ticks and the JDK derives the instant from the boot time, so two
     * readings of one process may differ slightly; a pid cannot be recycled that quickly.
     */
    private static final Duration START_TOLERANCE = Duration.ofMillis(500);

    private ProcessLiveness() {}

    /**
     * Alive and not a zombie. {@link ProcessHandle#isAlive()} is true for a zombie, which stays until its
     * parent reaps it; an orphan's new parent (a container's init) may never do that, yet it cannot run.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (not Linux) or it just exited: trust the JDK
        }
    }

    /** The running process with this pid, if it started at {@code start} (so it is ours, not a reused pid). */
    static Optional<ProcessHandle> find(long pid, Instant start) {
        if (pid <= 0 || start == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessLiveness::isRunning)
                .filter(p -> p.info().startInstant()
                        .map(s -> Duration.between(s, start).abs().compareTo(START_TOLERANCE) <= 0)
                        .orElse(false));
    }
}
