package io.runway.bench.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by a set of processes (user + system, from {@code /proc/PID/stat}), so a run can
 * report CPU per request of each proxy. On a machine shared with other work, throughput and latency move
 * with the neighbours' load; the CPU a proxy spends per request moves much less.
 */
record ProcessCpu(List<Long> pids) {
    /** Linux's USER_HZ, the unit of utime and stime; 100 on every common kernel build. */
    private static final double TICKS_PER_SECOND = 100.0;

    static final ProcessCpu NONE = new ProcessCpu(List.of());

    /** Parses {@code 123,456}. */
    static ProcessCpu parse(String pids) {
        return new ProcessCpu(java.util.Arrays.stream(pids.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Long::parseLong).toList());
    }

    boolean known() {
        return !pids.isEmpty();
    }

    /** Seconds of CPU the processes have used since they started; NaN when unknown. */
    double seconds() {
        if (pids.isEmpty()) {
            return Double.NaN;
        }
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may contain spaces.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return ticks / TICKS_PER_SECOND;
    }
}
