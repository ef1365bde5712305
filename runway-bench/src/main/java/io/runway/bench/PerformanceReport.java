package io.runway.bench;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs every scenario of docs/performance.md one after another (never two at once, so they do not compete
 * for the two cores or the disk), each in a fresh JVM with the same flags (as JMH forks), so no scenario
 * inherits another's heap, collector state or JIT profile; then prints a Markdown table of numbers and
 * ratios and a table of the targets judged from those numbers. {@code --in-process} runs them all
 * in this JVM instead.
 */
public final class PerformanceReport {
    private PerformanceReport() {}

    private static final String IN_PROCESS = "--in-process";
    private static final String RESULT_FILE = "--result-file";

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean inProcess = rest.remove(IN_PROCESS);
        Path resultFile = null;
        int at = rest.indexOf(RESULT_FILE);
        if (at >= 0) {
            resultFile = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        ReportSettings settings = ReportSettings.parse(rest.toArray(String[]::new));
        Report report = inProcess ? run(settings, System.out) : ScenarioForks.run(settings, rest, System.out);
        if (resultFile != null) {
            report.save(resultFile);
            return;
        }
        System.out.println();
        report.print(System.out);
    }

    /** Results of the scenarios that ran; a scenario left out with {@code --only} is null. */
    record Report(ReportSettings settings, FsyncFloor.Result floor, GlobalLockModel.Result globalLock,
                  SaturatedCycles.Result cycles, HandoffLatency.Result handoff, GrantLatency.Result[] grants) {

        /** p99 grant latency of the largest fleet over that of the smallest. */
        double flatness() {
            return (double) grants[grants.length - 1].grant().p99() / Math.max(1, grants[0].grant().p99());
        }

        /** Writes the scenario results (not the settings) for the parent of a forked scenario. */
        void save(Path file) throws IOException {
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
                out.writeObject(new Object[] {floor, globalLock, cycles, handoff, grants});
            }
        }

        /** This report with the results another run saved filled in where this one has none. */
        Report merge(Path file) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
                Object[] r = (Object[]) in.readObject();
                return new Report(settings, floor != null ? floor : (FsyncFloor.Result) r[0],
                        globalLock != null ? globalLock : (GlobalLockModel.Result) r[1],
                        cycles != null ? cycles : (SaturatedCycles.Result) r[2],
                        handoff != null ? handoff : (HandoffLatency.Result) r[3],
                        grants != null ? grants : (GrantLatency.Result[]) r[4]);
            }
        }

        long failures() {
            long sum = cycles == null ? 0 : cycles.failures();
            sum += handoff == null ? 0 : handoff.failures();
            return sum + (grants == null ? 0 : Arrays.stream(grants).mapToLong(GrantLatency.Result::failures).sum());
        }

        void print(PrintStream out) {
            out.println("| measurement | value | ratio / note |");
            out.println("|---|---|---|");
            String fleet = settings.resources() + " resources, " + settings.requesters() + " requesters";
            if (floor != null) {
                row(out, "fsync floor: 64-byte append + force, 1 thread", fmt("%,.0f ops/s", floor.opsPerSecond()), "");
            }
            if (globalLock != null) {
                row(out, "global-lock model: cycles/s (" + fleet + ")",
                        fmt("%,.0f cycles/s", globalLock.cyclesPerSecond()),
                        fmt("%s2 XStream saves per cycle, %,d bytes each; per save %.2f ms XStream + %.2f ms "
                                + "flush, force, rename", floor == null ? "" : fmt("%.2f × fsync floor; ",
                                globalLock.cyclesPerSecond() / floor.opsPerSecond()), globalLock.savedBytes(),
                                globalLock.serializeMillis(), globalLock.persistMillis()));
            }
            if (cycles != null) {
                row(out, "Runway: durable cycles/s (" + fleet + ")", fmt("%,.0f cycles/s", cycles.cyclesPerSecond()),
                        cyclesRatios());
                LatencySamples.Summary c = cycles.releaseToGrant();
                row(out, "Runway: command latency in the saturated loop (Little's law: ~N/throughput), "
                                + "release submitted → next grant, p50 / p99 / max",
                        fmt("%.2f / %.2f / %.2f ms", c.p50Millis(), c.p99Millis(), c.maxMillis()),
                        fmt("%,d samples; Little's law mean ≈ %d resources ÷ throughput = %.1f ms; not the hand-off",
                                c.count(), settings.resources(), 1e3 * settings.resources() / cycles.cyclesPerSecond()));
            }
            if (handoff != null) {
                LatencySamples.Summary h = handoff.handoff();
                row(out, fmt("Runway: release → grant hand-off, %d resources held %d–%d ms, %d waiters, "
                                + "p50 / p99 / max", settings.resources(), settings.holdMinMillis(),
                                settings.holdMaxMillis(), settings.waiters()),
                        fmt("%.2f / %.2f / %.2f ms", h.p50Millis(), h.p99Millis(), h.maxMillis()),
                        fmt("%,d hand-offs of %,d releases; waiters parked: mean %.0f, min %d", h.count(),
                                handoff.releases(), handoff.parkedMean(), handoff.parkedMin()));
            }
            if (grants != null) {
                for (GrantLatency.Result g : grants) {
                    row(out, fmt("Runway: grant latency, %,d resources, p50 / p99 / max", g.size()),
                            fmt("%.2f / %.2f / %.2f ms", g.grant().p50Millis(), g.grant().p99Millis(),
                                    g.grant().maxMillis()), fmt("%,d grants", g.grant().count()));
                }
                if (grants.length > 1) {
                    row(out, fmt("Runway: p99 grant latency %,d / %,d resources", grants[grants.length - 1].size(),
                            grants[0].size()), fmt("%.2f", flatness()), "");
                }
            }
            row(out, "failed requests (should be 0)", Long.toString(failures()), "");
            out.println();
            out.println("| target | measured | verdict |");
            out.println("|---|---|---|");
            for (Targets.Line line : Targets.judge(this)) {
                row(out, line.target(), line.measured(), Targets.label(line.verdict()));
            }
        }

        private String cyclesRatios() {
            StringBuilder ratios = new StringBuilder();
            if (globalLock != null) {
                ratios.append(fmt("%.1f × global-lock model; ", cycles.cyclesPerSecond() / globalLock.cyclesPerSecond()));
            }
            if (floor != null) {
                ratios.append(fmt("%.1f × fsync floor", cycles.cyclesPerSecond() / floor.opsPerSecond()));
            }
            return ratios.toString();
        }

        private static void row(PrintStream out, String what, String value, String note) {
            out.println("| " + what + " | " + value + " | " + note + " |");
        }
    }

    /** Runs the selected scenarios in a fixed order; a log line shows each one as it ends. */
    static Report run(ReportSettings s, PrintStream log) throws Exception {
        log.println(fmt("disk %s, warm-up %s (hand-off %s), measured %s per scenario, %d cores, Java %s", s.disk(),
                s.warmup(), s.handoffWarmup(),
                s.measure(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        FsyncFloor.Result floor = null;
        GlobalLockModel.Result model = null;
        SaturatedCycles.Result cycles = null;
        HandoffLatency.Result handoff = null;
        GrantLatency.Result[] grants = null;
        if (s.runs("floor")) {
            floor = FsyncFloor.run(s.disk(), s.warmup(), s.measure());
            log.println(fmt("fsync floor: %,.0f ops/s", floor.opsPerSecond()));
        }
        if (s.runs("model")) {
            model = GlobalLockModel.run(s.disk(), s.resources(), s.requesters(), s.warmup(), s.measure());
            log.println(fmt("global-lock model: %,.0f cycles/s, %,d bytes per save, %.2f ms XStream + %.2f ms "
                    + "flush/force/rename per save", model.cyclesPerSecond(), model.savedBytes(),
                    model.serializeMillis(), model.persistMillis()));
        }
        if (s.runs("cycles")) {
            cycles = SaturatedCycles.run(s.disk(),
                    new SaturatedCycles.Settings(s.resources(), s.requesters(), s.warmup(), s.measure()));
            log.println(fmt("runway cycles: %,.0f cycles/s, saturated-loop command latency p50 %.2f ms, p99 %.2f ms, "
                            + "failures %d", cycles.cyclesPerSecond(), cycles.releaseToGrant().p50Millis(),
                    cycles.releaseToGrant().p99Millis(), cycles.failures()));
        }
        if (s.runs("handoff")) {
            handoff = HandoffLatency.run(s.disk(), new HandoffLatency.Settings(s.resources(), s.waiters(),
                    s.holdMinMillis(), s.holdMaxMillis(), s.handoffWarmup(), s.measure()));
            log.println(fmt("runway hand-off: p50 %.2f ms, p99 %.2f ms, %,d hand-offs, waiters parked mean %.0f, "
                            + "failures %d", handoff.handoff().p50Millis(), handoff.handoff().p99Millis(),
                    handoff.handoff().count(), handoff.parkedMean(), handoff.failures()));
        }
        if (s.runs("grants")) {
            grants = new GrantLatency.Result[s.fleetSizes().length];
            for (int i = 0; i < grants.length; i++) {
                grants[i] = GrantLatency.run(s.disk(), s.fleetSizes()[i], s.background(), s.warmup(), s.measure());
                log.println(fmt("grant latency, %,d resources: p50 %.2f ms, p99 %.2f ms, failures %d", grants[i].size(),
                        grants[i].grant().p50Millis(), grants[i].grant().p99Millis(), grants[i].failures()));
            }
        }
        return new Report(s, floor, model, cycles, handoff, grants);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
