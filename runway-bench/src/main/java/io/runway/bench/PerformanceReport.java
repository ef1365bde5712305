package io.runway.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Runs every scenario of docs/performance.md in one process, one after another (never two at once, so
 * they do not compete for the two cores or the disk), and prints a Markdown table of numbers and ratios.
 */
public final class PerformanceReport {
    private PerformanceReport() {}

    public static void main(String[] args) throws Exception {
        Report report = run(ReportSettings.parse(args), System.out);
        if (report.complete()) {
            System.out.println();
            report.print(System.out);
        }
    }

    record Report(ReportSettings settings, FsyncFloor.Result floor, GlobalLockModel.Result globalLock,
                  SaturatedCycles.Result cycles, GrantLatency.Result[] grants) {

        boolean complete() {
            return floor != null && globalLock != null && cycles != null && grants != null && grants.length > 0;
        }

        /** p99 grant latency of the largest fleet over that of the smallest. */
        double flatness() {
            return (double) grants[grants.length - 1].grant().p99() / Math.max(1, grants[0].grant().p99());
        }

        void print(PrintStream out) {
            out.println("| measurement | value | ratio / target |");
            out.println("|---|---|---|");
            row(out, "fsync floor: 64-byte append + force, 1 thread", fmt("%,.0f ops/s", floor.opsPerSecond()), "");
            row(out, "global-lock model: cycles/s (" + settings.resources() + " resources, " + settings.requesters()
                    + " requesters)", fmt("%,.0f cycles/s", globalLock.cyclesPerSecond()),
                    fmt("%.2f × fsync floor", globalLock.cyclesPerSecond() / floor.opsPerSecond()));
            row(out, "Runway: durable cycles/s (" + settings.resources() + " resources, " + settings.requesters()
                    + " requesters)", fmt("%,.0f cycles/s", cycles.cyclesPerSecond()),
                    fmt("%.1f × global-lock model (target ≥ 50×); %.1f × fsync floor; target ≥ 20,000/s",
                            cycles.cyclesPerSecond() / globalLock.cyclesPerSecond(),
                            cycles.cyclesPerSecond() / floor.opsPerSecond()));
            row(out, "Runway: release → grant p50 / p99 / max", fmt("%.2f / %.2f / %.2f ms",
                    cycles.releaseToGrant().p50Millis(), cycles.releaseToGrant().p99Millis(),
                    cycles.releaseToGrant().maxMillis()), fmt("%,d waiting grants; target p99 < 5 ms",
                    cycles.releaseToGrant().count()));
            for (GrantLatency.Result g : grants) {
                row(out, fmt("Runway: grant latency, %,d resources, p50 / p99 / max", g.size()),
                        fmt("%.2f / %.2f / %.2f ms", g.grant().p50Millis(), g.grant().p99Millis(),
                                g.grant().maxMillis()), fmt("%,d grants", g.grant().count()));
            }
            row(out, fmt("Runway: p99 grant latency %,d / %,d resources", grants[grants.length - 1].size(),
                    grants[0].size()), fmt("%.2f", flatness()), "target ≤ 1.5");
            long failures = cycles.failures() + java.util.Arrays.stream(grants).mapToLong(GrantLatency.Result::failures).sum();
            row(out, "failed requests (should be 0)", Long.toString(failures), "");
        }

        private static void row(PrintStream out, String what, String value, String ratio) {
            out.println("| " + what + " | " + value + " | " + ratio + " |");
        }
    }

    /** Runs the selected scenarios; the table needs all of them, the log lines show each one as it ends. */
    static Report run(ReportSettings s, PrintStream log) throws Exception {
        log.println(fmt("disk %s, warm-up %s, measured %s per scenario", s.disk(), s.warmup(), s.measure()));
        FsyncFloor.Result floor = null;
        GlobalLockModel.Result model = null;
        SaturatedCycles.Result cycles = null;
        GrantLatency.Result[] grants = null;
        if (s.runs("floor")) {
            floor = FsyncFloor.run(s.disk(), s.warmup(), s.measure());
            log.println(fmt("fsync floor: %,.0f ops/s", floor.opsPerSecond()));
        }
        if (s.runs("model")) {
            model = GlobalLockModel.run(s.disk(), s.resources(), s.requesters(), s.warmup(), s.measure());
            log.println(fmt("global-lock model: %,.0f cycles/s", model.cyclesPerSecond()));
        }
        if (s.runs("cycles")) {
            cycles = SaturatedCycles.run(s.disk(),
                    new SaturatedCycles.Settings(s.resources(), s.requesters(), s.warmup(), s.measure()));
            log.println(fmt("runway cycles: %,.0f cycles/s, release→grant p50 %.2f ms, p99 %.2f ms, failures %d",
                    cycles.cyclesPerSecond(), cycles.releaseToGrant().p50Millis(),
                    cycles.releaseToGrant().p99Millis(), cycles.failures()));
        }
        if (s.runs("grants")) {
            grants = new GrantLatency.Result[s.fleetSizes().length];
            for (int i = 0; i < grants.length; i++) {
                grants[i] = GrantLatency.run(s.disk(), s.fleetSizes()[i], s.background(), s.warmup(), s.measure());
                log.println(fmt("grant latency, %,d resources: p50 %.2f ms, p99 %.2f ms, failures %d", grants[i].size(),
                        grants[i].grant().p50Millis(), grants[i].grant().p99Millis(), grants[i].failures()));
            }
        }
        return new Report(s, floor, model, cycles, grants);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
