package io.runway.bench.cron;

import io.runway.core.task.cron.CronSchedules;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * "Cron schedules vs Quartz", side by side in one JVM run (docs/performance.md):
 * <ol>
 *   <li>memory: retained heap after full GC per schedule, 100,000 schedules with {@code H} (resolved to
 *       the same concrete expressions for Quartz), each side measured against its own empty scheduler;</li>
 *   <li>fire error and dispatch throughput: 100,000 schedules all due at one minute boundary, real wall
 *       clock; lateness of every fire against that instant, and fires per second over the burst. Runway
 *       first, then Quartz at a later minute boundary (never both at once).</li>
 * </ol>
 * Options: {@code --schedules N} [100000], {@code --lead S} [20] least seconds between set-up and the
 * due minute, {@code --quartz-threads N} [10], {@code --timeout S} [100] per dispatch.
 */
public final class CronComparison {
    private CronComparison() {}

    public static void main(String[] args) throws Exception {
        int n = intOption(args, "--schedules", 100_000);
        int lead = intOption(args, "--lead", 20);
        int threads = intOption(args, "--quartz-threads", 10);
        int timeout = intOption(args, "--timeout", 100);
        String only = stringOption(args, "--only", "runway,quartz");
        System.out.printf(Locale.ROOT, "cron comparison: %d schedules, %d CPUs, Java %s, max heap %d MiB%n", n,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);

        // 1. Memory, schedules with H.
        CronSchedules resolver = new CronSchedules();
        List<CronWorkload.Schedule> mix = CronWorkload.hashedMix(n, s -> CronWorkload.toQuartz(
                resolver.compile(s.jenkins(), s.name(), ZoneOffset.UTC, "cron").canonical().split("\n")[1]));
        Memory runwayMix = only.contains("runway") ? runwayMemory(mix) : new Memory(0, 0);
        Memory quartzMix = only.contains("quartz") ? quartzMemory(mix, threads) : new Memory(0, 0);
        mix = null;
        System.out.printf(Locale.ROOT, "memory (H mix): runway %.0f B/schedule (%d distinct resolved schedules), quartz %.0f B/schedule%n",
                runwayMix.perSchedule(n), runwayMix.distinct(), quartzMix.perSchedule(n));

        // 2. Runway dispatch burst.
        FireRecorder.Summary r = FireRecorder.NOT_RUN;
        long runwayBurstBytes = 0;
        if (only.contains("runway")) {
        Instant due = nextMinute(lead);
        List<CronWorkload.Schedule> burst = CronWorkload.dueAt(n, due.atZone(ZoneOffset.UTC));
        long before = usedAfterGc();
        RunwayCronSide runway = new RunwayCronSide();
        runway.add(burst, Instant.now());
        runwayBurstBytes = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "runway: %d schedules due at %s (%d distinct), %.0f B/schedule; waiting%n", n, due,
                runway.schedules.size(), runwayBurstBytes / (double) n);
        r = runway.dispatch(n, due, secondsUntil(due) + timeout).summary();
        runway = null;
        print("runway", r);
        }

        // 3. Quartz dispatch burst, at a later minute.
        FireRecorder.Summary q = FireRecorder.NOT_RUN;
        long quartzBurstBytes = 0;
        if (only.contains("quartz")) {
        QuartzCronSide quartz = new QuartzCronSide("bench-burst", threads);
        long before = usedAfterGc();
        Instant qdue = nextMinute(lead + 15); // room for scheduling 100,000 triggers
        List<CronWorkload.Schedule> qburst = CronWorkload.dueAt(n, qdue.atZone(ZoneOffset.UTC));
        quartz.add(qburst);
        quartzBurstBytes = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "quartz: %d triggers due at %s, %.0f B/schedule; waiting%n", n, qdue, quartzBurstBytes / (double) n);
        if (Instant.now().isAfter(qdue.minusSeconds(2))) {
            System.out.println("quartz: set-up ran past the due minute; rerun with a larger --lead");
        }
        q = quartz.dispatch(n, qdue, secondsUntil(qdue) + timeout).summary();
        quartz.shutdown();
        print("quartz", q);
        }

        System.out.println();
        System.out.println("| measure | runway | Quartz 2.5.2 | ratio | target |");
        System.out.println("|---|---|---|---|---|");
        row("retained heap per schedule, H mix (bytes)", runwayMix.perSchedule(n), quartzMix.perSchedule(n), "< 512 B");
        row("retained heap per schedule, burst set (bytes)", runwayBurstBytes / (double) n, quartzBurstBytes / (double) n, "< 512 B");
        row("fires within the timeout", r.fired(), q.fired(), "all " + n);
        row("fire error p50 (ms)", r.p50Ms(), q.p50Ms(), "");
        row("fire error p99 (ms)", r.p99Ms(), q.p99Ms(), "< 50 ms");
        row("fire error max (ms)", r.maxMs(), q.maxMs(), "");
        row("first fire after the instant (ms)", r.firstMs(), q.firstMs(), "");
        row("dispatch throughput, first→last fire (fires/s)", r.firesPerSecond(), q.firesPerSecond(), "≥ 5× Quartz");
    }

    record Memory(long bytes, int distinct) {
        double perSchedule(int n) {
            return bytes / (double) n;
        }
    }

    private static Memory runwayMemory(List<CronWorkload.Schedule> mix) {
        RunwayCronSide side = new RunwayCronSide();
        long before = usedAfterGc();
        side.add(mix, Instant.now());
        long after = usedAfterGc();
        int distinct = side.schedules.size();
        java.lang.ref.Reference.reachabilityFence(side);
        return new Memory(after - before, distinct);
    }

    private static Memory quartzMemory(List<CronWorkload.Schedule> mix, int threads) throws Exception {
        QuartzCronSide side = new QuartzCronSide("bench-memory", threads);
        long before = usedAfterGc();
        side.add(mix);
        long after = usedAfterGc();
        side.shutdown();
        return new Memory(after - before, -1);
    }

    private static void print(String who, FireRecorder.Summary s) {
        System.out.printf(Locale.ROOT, "%s: %d fired, late p50 %.1f ms, p99 %.1f ms, max %.1f ms, first %.1f ms, burst %.1f ms = %.0f fires/s%n",
                who, s.fired(), s.p50Ms(), s.p99Ms(), s.maxMs(), s.firstMs(), s.spanMs(), s.firesPerSecond());
    }

    private static void row(String name, double runway, double quartz, String target) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name, fmt(runway), fmt(quartz),
                quartz == 0 || Double.isNaN(quartz) ? "-" : String.format(Locale.ROOT, "%.2f", runway / quartz), target);
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The first whole minute at least {@code leadSeconds} from now. */
    private static Instant nextMinute(int leadSeconds) {
        return ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(leadSeconds).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
    }

    private static long secondsUntil(Instant t) {
        return Math.max(0, t.getEpochSecond() - Instant.now().getEpochSecond());
    }

    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
