package io.runway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Command-line settings of {@link PerformanceReport}; every one has a default that fits a 2-core machine. */
record ReportSettings(Path disk, Duration warmup, Duration handoffWarmup, Duration measure, int resources, int requesters,
                      int waiters, int holdMinMillis, int holdMaxMillis, int[] fleetSizes, int background,
                      Set<String> scenarios) {
    static final List<String> ALL_SCENARIOS = List.of("floor", "model", "cycles", "handoff", "grants");

    private static final String USAGE = "known options: --disk DIR, --warmup 3 (s) or 500ms, --handoff-warmup 20, "
            + "--measure 10, "
            + "--resources 500, --requesters 1000, --waiters 1000, --hold 20-80 (ms), "
            + "--fleet-sizes 100,10000,100000, --background 32, --only " + String.join(",", ALL_SCENARIOS);

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    static ReportSettings parse(String... args) {
        Path disk = Path.of(System.getProperty("java.io.tmpdir"));
        Duration warmup = Duration.ofSeconds(3);
        // The hand-off is a steady-state tail: past the store's first log segment (later ones overwrite a reused
        // file), its first compaction and the JIT's first compiles; see docs/performance.md.
        Duration handoffWarmup = Duration.ofSeconds(20);
        Duration measure = Duration.ofSeconds(10);
        int resources = 500;
        int requesters = 1000;
        int waiters = 1000;
        int[] hold = {20, 80};
        int[] sizes = {100, 10_000, 100_000};
        int background = 32;
        Set<String> scenarios = Set.copyOf(ALL_SCENARIOS);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i] + "; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--disk" -> disk = Path.of(value);
                case "--warmup" -> warmup = duration(value);
                case "--handoff-warmup" -> handoffWarmup = duration(value);
                case "--measure" -> measure = duration(value);
                case "--resources" -> resources = Integer.parseInt(value);
                case "--requesters" -> requesters = Integer.parseInt(value);
                case "--waiters" -> waiters = Integer.parseInt(value);
                case "--hold" -> hold = Arrays.stream(value.split("-")).mapToInt(Integer::parseInt).toArray();
                case "--fleet-sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--background" -> background = Integer.parseInt(value);
                case "--only" -> scenarios = only(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (hold.length != 2 || hold[0] < 0 || hold[1] < hold[0]) {
            throw new IllegalArgumentException("--hold takes MIN-MAX milliseconds, e.g. 20-80");
        }
        return new ReportSettings(disk, warmup, handoffWarmup, measure, resources, requesters, waiters, hold[0], hold[1],
                sizes, background, scenarios);
    }

    private static Set<String> only(String value) {
        Set<String> chosen = Set.of(value.split(","));
        for (String s : chosen) {
            if (!ALL_SCENARIOS.contains(s)) {
                throw new IllegalArgumentException("unknown scenario " + s + "; " + USAGE);
            }
        }
        return chosen;
    }

    /** Plain numbers are seconds; a value ending in "ms" is milliseconds. */
    private static Duration duration(String value) {
        return value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(value));
    }
}
