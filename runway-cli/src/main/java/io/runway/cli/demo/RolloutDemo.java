package io.runway.cli.demo;

import io.runway.cli.rollout.LocalRolloutHost;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.traffic.TrafficSnapshot;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rollout scenarios of {@code runway demo}: a healthy canary promoted step by step, a bad canary
 * rolled back automatically, and a blue-green switch, each on real local processes behind the embedded
 * router with a bounded load of 200 requests/s. Ends with a summary table.
 */
public final class RolloutDemo {
    private static final double RATE = 200;
    /** How often the router's error counter is read for the first bad response: its resolution. */
    private static final long FIRST_ERROR_POLL_MILLIS = 10;

    private final PrintWriter out;
    private final Path stateDir;
    private final List<Row> rows = new ArrayList<>();
    /** The router as the rollouts see it; set when the host is built. */
    private RouteWatch routes;

    /**
     * One scenario's outcome for the summary. {@code mitigation}: for a rollback, from the new version's
     * first error response to the moment the router's route stopped sending to it (canary weight 0).
     */
    record Row(String scenario, RolloutPhase expected, RolloutPhase result, Duration took, String mitigation,
               String reason) {
        boolean asExpected() {
            return expected == result;
        }
    }

    public RolloutDemo(PrintWriter out, Path stateDir) {
        this.out = out;
        this.stateDir = stateDir;
    }

    /** Runs the three scenarios; true when each ended as expected. */
    public boolean run() {
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        RolloutController.Listener listener = (state, line) -> say(state.spec().service() + " " + line);
        try (LocalRolloutHost host = new LocalRolloutHost(stateDir, listener, Duration.ofMillis(100),
                router -> routes = new RouteWatch(router, System::nanoTime))) {
            scenario(host, load, "healthy canary", "shop-canary", RolloutPhase.PROMOTED, "", """
                    strategy:
                      canary:
                        steps:
                          - setWeight: 1
                          - pause: {duration: 4s}
                          - setWeight: 5
                          - analysis: {duration: 8s}
                          - setWeight: 25
                          - analysis: {duration: 5s}
                          - setWeight: 50
                          - pause: {duration: 3s}
                    stickiness: {header: X-User}
                    """);
            scenario(host, load, "bad canary (5% errors)", "shop-bad", RolloutPhase.ROLLED_BACK,
                    "--error-rate, \"0.05\"", """
                    analysis: {interval: 1s, minimumRequests: 20, mirror: 10}
                    strategy:
                      canary:
                        steps:
                          - setWeight: 1
                          - analysis: {duration: 60s}
                          - setWeight: 5
                          - analysis: {duration: 60s}
                    """);
            scenario(host, load, "blue-green", "shop-bluegreen", RolloutPhase.PROMOTED, "", """
                    strategy:
                      blueGreen: {previewAnalysis: 6s}
                    """);
        } finally {
            load.shutdownNow();
        }
        printSummary();
        return rows.stream().allMatch(Row::asExpected);
    }

    private void scenario(LocalRolloutHost host, ScheduledExecutorService loadThreads, String name, String service,
                          RolloutPhase expected, String v2Args, String strategy) {
        out.println();
        out.println("== Rollout: " + name + " ==");
        RolloutSpec spec = spec(service, v2Args, strategy);
        int port = host.router().listen(service, 0);
        List<CompletableFuture<LoadReport>> load = new ArrayList<>();
        load.add(drive(loadThreads, port, RATE));
        if (spec.strategy().blueGreen() != null) {
            load.add(drive(loadThreads, host.router().listen(service + "-preview", 0), RATE / 4));
        }
        long started = System.nanoTime();
        RolloutController rollout = host.rollouts().start(spec);
        AtomicLong firstBad = new AtomicLong();
        ScheduledFuture<?> watch = loadThreads.scheduleAtFixedRate(() -> noteFirstError(host, service, firstBad),
                FIRST_ERROR_POLL_MILLIS, FIRST_ERROR_POLL_MILLIS, TimeUnit.MILLISECONDS);
        RolloutState end = rollout.finished().orTimeout(5, TimeUnit.MINUTES).join();
        long ended = System.nanoTime();
        watch.cancel(false);
        load.forEach(t -> t.cancel(true));
        String mitigation = "";
        long weightZero = routes.stoppedSendingTo(service, spec.version());
        if (end.phase() == RolloutPhase.ROLLED_BACK && firstBad.get() != 0 && weightZero != 0) {
            mitigation = String.format(Locale.ROOT, "%.1f s", (weightZero - firstBad.get()) / 1e9);
            TrafficSnapshot traffic = host.router().snapshot(service);
            say(String.format(Locale.ROOT, "first %s error at +%.2f s, %s weight 0 in the router at +%.2f s "
                    + "(mitigated in %.2f s), rollout ended at +%.2f s; %s errors seen by clients: %d, on mirrored"
                    + " copies: %d", spec.version(), (firstBad.get() - started) / 1e9, spec.version(),
                    (weightZero - started) / 1e9, (weightZero - firstBad.get()) / 1e9, (ended - started) / 1e9,
                    spec.version(), traffic.version(spec.version()).errors(), traffic.mirrored(spec.version()).errors()));
        }
        rows.add(new Row(name, expected, end.phase(), Duration.ofNanos(ended - started), mitigation, end.reason()));
    }

    /**
     * When the new version first answered with an error, from the router's own counters read every
     * {@value #FIRST_ERROR_POLL_MILLIS} ms (so noted up to that much late).
     */
    private static void noteFirstError(LocalRolloutHost host, String service, AtomicLong firstBad) {
        if (firstBad.get() != 0) {
            return;
        }
        try {
            TrafficSnapshot s = host.router().snapshot(service);
            // Mirrored copies count: a bad answer nobody saw is still the first sign of a bad version.
            if (s.version("v2").errors() + s.mirrored("v2").errors() > 0) {
                firstBad.compareAndSet(0, System.nanoTime());
            }
        } catch (RuntimeException e) {
            // no route yet
        }
    }

    private static CompletableFuture<LoadReport> drive(ScheduledExecutorService load, int port, double rate) {
        LoadGenerator.Options options = new LoadGenerator.Options(URI.create("http://127.0.0.1:" + port + "/"), rate,
                Duration.ofMinutes(5), 100_000_000, 100, "X-User", 64, Duration.ofSeconds(5));
        return new LoadGenerator(options, HttpClient.newHttpClient()).run(load);
    }

    /** The scenario's spec; {@code strategy} may start with its own {@code analysis} line instead of the default. */
    static RolloutSpec spec(String service, String v2Args, String strategy) {
        String analysis = strategy.startsWith("analysis:") ? "" : "analysis: {interval: 1s, minimumRequests: 20}\n";
        return DemoSpecs.spec(service, v2Args, analysis + "scaleDownDelay: 2s\n" + strategy);
    }

    private synchronized void say(String line) {
        out.println("  " + line);
        out.flush();
    }

    private void printSummary() {
        out.println();
        out.printf(Locale.ROOT, "%-24s %-12s %-12s %8s %10s  %s%n", "scenario", "expected", "result", "took",
                "mitigated", "why");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-24s %-12s %-12s %7.1fs %10s  %s%n", r.scenario(), r.expected(), r.result(),
                    r.took().toMillis() / 1000.0, r.mitigation().isEmpty() ? "-" : r.mitigation(), r.reason());
        }
        out.println();
        out.println(rows.stream().allMatch(Row::asExpected) ? "rollouts: every scenario ended as expected"
                : "rollouts: FAILED: a scenario did not end as expected");
        out.flush();
    }
}
