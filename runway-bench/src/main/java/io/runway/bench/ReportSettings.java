package io.runway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Command-line settings of {@link PerformanceReport}; every one has a default that fits a 2-core machine. */
record ReportSettings(Path disk, Duration warmup, Duration measure, int resources, int requesters,
                      int[] fleetSizes, int background, Set<String> scenarios) {
    static final List<String> ALL_SCENARIOS = List.of("floor", "model", "cycles", "grants");

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }


    static ReportSettings parse(String... args) {
        Path disk = Path.of(System.getProperty("java.io.tmpdir"));
        Duration warmup = Duration.ofSeconds(3);
        Duration measure = Duration.ofSeconds(10);
        int resources = 500;
        int requesters = 1000;
        int[] sizes = {100, 10_000, 100_000};
        int background = 32;
        Set<String> scenarios = Set.copyOf(ALL_SCENARIOS);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--disk" -> disk = Path.of(value);
                case "--warmup" -> warmup = Duration.ofMillis(Long.parseLong(value.replace("ms", "")) * scale(value));
                case "--measure" -> measure = Duration.ofMillis(Long.parseLong(value.replace("ms", "")) * scale(value));
                case "--resources" -> resources = Integer.parseInt(value);
                case "--requesters" -> requesters = Integer.parseInt(value);
                case "--fleet-sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--background" -> background = Integer.parseInt(value);
                case "--only" -> scenarios = Set.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --disk DIR, "
                        + "--warmup 3 (s) or 500ms, --measure 10, --resources 500, --requesters 1000, "
                        + "--fleet-sizes 100,10000,100000, --background 32, --only floor,model,cycles,grants");
            }
        }
        return new ReportSettings(disk, warmup, measure, resources, requesters, sizes, background, scenarios);
    }

    /** Plain numbers are seconds; a value ending in "ms" is milliseconds. */
    private static long scale(String value) {
        return value.endsWith("ms") ? 1 : 1000;
    }
}
