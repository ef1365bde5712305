package io.runway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets, each judged from the measurements of one report: met, missed, or not run when the
 * scenario it needs was left out with {@code --only}. Nothing here is typed in by hand.
 */
final class Targets {
    static final double MIN_CYCLES_PER_SECOND = 20_000;
    static final double MAX_HANDOFF_P99_MILLIS = 5;
    static final double MIN_RATIO_TO_GLOBAL_LOCK = 50;
    static final double MAX_FLATNESS = 1.5;

    enum Verdict { MET, MISSED, NOT_RUN }

    record Line(String target, String measured, Verdict verdict) {
    }

    private Targets() {}

    static List<Line> judge(PerformanceReport.Report r) {
        List<Line> lines = new ArrayList<>();
        ReportSettings s = r.settings();
        String cyclesTarget = fmt("≥ 20,000 durable cycles/s (%d resources, %d requesters)", s.resources(),
                s.requesters());
        lines.add(r.cycles() == null ? notRun(cyclesTarget) : new Line(cyclesTarget,
                fmt("%,.0f cycles/s", r.cycles().cyclesPerSecond()),
                verdict(r.cycles().cyclesPerSecond() >= MIN_CYCLES_PER_SECOND)));

        String handoffTarget = fmt("p99 release → grant hand-off < 5 ms (%d resources held, %d waiters)",
                s.resources(), s.waiters());
        if (r.handoff() == null) {
            lines.add(notRun(handoffTarget));
        } else {
            LatencySamples.Summary h = r.handoff().handoff();
            lines.add(new Line(handoffTarget, fmt("p99 %.2f ms over %,d hand-offs, %.0f waiters parked on average",
                    h.p99Millis(), h.count(), r.handoff().parkedMean()),
                    verdict(h.count() > 0 && h.p99Millis() < MAX_HANDOFF_P99_MILLIS)));
        }

        String ratioTarget = fmt("≥ 50 × the global-lock model (%d resources)", s.resources());
        if (r.cycles() == null || r.globalLock() == null) {
            lines.add(notRun(ratioTarget));
        } else {
            double ratio = r.cycles().cyclesPerSecond() / r.globalLock().cyclesPerSecond();
            lines.add(new Line(ratioTarget, fmt("%.1f ×", ratio), verdict(ratio >= MIN_RATIO_TO_GLOBAL_LOCK)));
        }

        String flatTarget = "p99 grant latency flat: largest / smallest fleet ≤ 1.5";
        if (r.grants() == null || r.grants().length < 2) {
            lines.add(notRun(flatTarget));
        } else {
            lines.add(new Line(flatTarget, fmt("%.2f (%,d vs %,d resources)", r.flatness(),
                    r.grants()[r.grants().length - 1].size(), r.grants()[0].size()),
                    verdict(r.flatness() <= MAX_FLATNESS)));
        }

        lines.add(new Line("no failed requests (harness sanity)", Long.toString(r.failures()),
                verdict(r.failures() == 0)));
        return lines;
    }

    private static Line notRun(String target) {
        return new Line(target, "—", Verdict.NOT_RUN);
    }

    private static Verdict verdict(boolean met) {
        return met ? Verdict.MET : Verdict.MISSED;
    }

    static String label(Verdict v) {
        return switch (v) {
            case MET -> "met";
            case MISSED -> "**missed**";
            case NOT_RUN -> "not run";
        };
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
