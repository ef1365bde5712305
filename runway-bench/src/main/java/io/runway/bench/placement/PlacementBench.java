package io.runway.bench.placement;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.placement.Placement;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.placement.PlacementService;
import io.runway.core.placement.Scoring;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Placement throughput: {@code tasks} placements queue behind a fleet whose every resource is leased; then
 * the fleet is released and each placed task releases its lease as soon as it is granted, so all tasks flow
 * through the fleet one decision at a time. Decisions/s = tasks ÷ time from the first release to the last
 * grant (each decision includes the release that made room for it, both made durable).
 *
 * <p>Fleets of 100, 1,000 and 10,000 resources, in 32 shapes (cpu × region × costPerHour), or with every
 * resource also carrying a unique {@code host} attribute that no task reads, or that every task reads (then
 * every resource is its own shape: the index's worst case). On the embedded store (durable, fsync) and in
 * memory (the engine's CPU cost alone). Tasks cycle through four requirement sets and the three scorings.
 * The same flow with plain label-only lease requests (the engine's existing path) is the reference. Each
 * scenario runs in a fresh JVM: two warm-up runs, then the measured one.
 *
 * <p>{@code java -cp runway-bench/target/benchmarks.jar io.runway.bench.placement.PlacementBench
 * [--tasks N] [--sizes 100,1000,10000] [--disk DIR]}
 */
public final class PlacementBench {
    private static final Duration TTL = Duration.ofHours(1);
    private static final List<List<String>> REQUIREMENTS = List.of(List.of(), List.of("cpu >= 4"),
            List.of("region == eu-west-1"), List.of("cpu >= 8", "region != us-east-1"));

    private PlacementBench() {}

    /**
     * @param seconds wall-clock time from the first release to the last grant
     * @param cpuSeconds CPU time the whole process used meanwhile (all threads): on a shared machine this is
     *     the steadier measure of what a decision costs
     */
    record Result(String store, String kind, int resources, int tasks, double seconds, double cpuSeconds) {
        double perSecond() {
            return tasks / seconds;
        }

        double cpuMicrosPerDecision() {
            return cpuSeconds * 1e6 / tasks;
        }
    }

    /** The rows of the table: what is placed and how the fleet looks. */
    static final List<String> KINDS = List.of("plain lease", "placement, 32 shapes", "placement, unique hosts",
            "placement, reads unique hosts");

    public static void main(String[] args) throws Exception {
        int tasks = 10_000;
        List<Integer> sizes = List.of(100, 1_000, 10_000);
        Path disk = Path.of(System.getProperty("java.io.tmpdir"));
        String scenario = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[i + 1]);
                case "--sizes" -> sizes = Stream.of(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--disk" -> disk = Path.of(args[i + 1]);
                case "--scenario" -> scenario = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (scenario != null) { // a forked child: warm up, measure once, print one result line
            String[] parts = scenario.split(";");
            boolean durable = parts[0].equals("embedded");
            int size = Integer.parseInt(parts[2]);
            run(durable, parts[1], Math.min(size, 1_000), tasks / 2, disk);
            run(durable, parts[1], size, tasks / 2, disk);
            Result r = run(durable, parts[1], size, tasks, disk);
            System.out.println("RESULT;" + r.seconds() + ";" + r.cpuSeconds());
            return;
        }
        List<Result> results = new ArrayList<>();
        for (String store : List.of("embedded", "memory")) {
            for (String kind : KINDS) {
                if (store.equals("embedded") && kind.equals("placement, reads unique hosts")) {
                    continue; // its cost is CPU per decision; the in-memory row shows it
                }
                for (int size : sizes) {
                    double[] times = fork(store + ";" + kind + ";" + size, tasks, disk);
                    Result r = new Result(store, kind, size, tasks, times[0], times[1]);
                    System.out.printf(Locale.ROOT, "%s | %s | %d: %.0f/s, %.1f CPU µs per decision%n", r.store(), r.kind(),
                            r.resources(), r.perSecond(), r.cpuMicrosPerDecision());
                    results.add(r);
                }
            }
        }
        print(results, sizes);
    }

    /** Runs one scenario in a fresh JVM with this one's flags and class path, so none inherits another's heap or JIT. */
    private static double[] fork(String scenario, int tasks, Path disk) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlacementBench.class.getName(),
                "--scenario", scenario, "--tasks", Integer.toString(tasks), "--disk", disk.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("scenario " + scenario + " failed:\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("RESULT;")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from " + scenario + ":\n" + out));
        String[] parts = line.split(";");
        return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }

    static Result run(boolean durable, String kind, int size, int tasks, Path disk) throws Exception {
        Path dir = durable ? Files.createTempDirectory(Files.createDirectories(disk), "runway-placement-") : null;
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "runway-engine");
            t.setDaemon(true);
            return t;
        });
        StateStore store = durable ? EmbeddedStateStore.open(dir) : new InMemoryStateStore();
        PoolsConfig config = fleet(size, kind.contains("unique"));
        Map<String, Provider> providers = Map.of("static", new StaticProvider());
        LeaseEngine engine = LeaseEngine.start(config, providers, store, Clock.systemUTC(), host, EngineOptions.DEFAULT);
        PlacementService service = PlacementService.start(engine, config, providers, Clock.systemUTC(), host, Duration.ZERO);
        try {
            List<Grant> occupying = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                occupying.add(engine.acquire(new LeaseRequest("fleet", null, null, 1, TTL, Duration.ZERO, 0)).join());
            }
            CountDownLatch placed = new CountDownLatch(tasks);
            AtomicLong failures = new AtomicLong();
            for (int i = 0; i < tasks; i++) {
                var grant = kind.startsWith("plain") ? engine.acquire(new LeaseRequest("task-" + (i % 50), null,
                                io.runway.core.label.LabelExpression.parse("linux", "capability"), 1, TTL, Duration.ofHours(1), 0))
                        : service.place(task(i, kind.contains("reads"))).grant();
                grant.whenComplete((g, err) -> {
                    if (err != null) {
                        failures.incrementAndGet();
                        placed.countDown();
                        return;
                    }
                    engine.release(g.lease().id(), g.token()).whenComplete((l, e) -> placed.countDown());
                });
            }
            engine.tick().join(); // every task is queued before the clock starts
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (Grant g : occupying) {
                engine.release(g.lease().id(), g.token());
            }
            if (!placed.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("tasks not all placed within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " placements failed");
            }
            return new Result(durable ? "embedded" : "memory", kind, size, tasks, seconds, cpuSeconds);
        } finally {
            service.close();
            engine.close();
            store.close();
            host.shutdownNow();
            if (dir != null) {
                delete(dir);
            }
        }
    }

    /** @param readsHosts adds a constraint on the unique host attribute, so every resource is its own shape */
    private static PlacementRequest task(int i, boolean readsHosts) {
        Scoring scoring = Scoring.values()[i % 3];
        List<String> requirements = new ArrayList<>(REQUIREMENTS.get(i % REQUIREMENTS.size()));
        if (readsHosts) {
            requirements.add("host != h-none");
        }
        return PlacementRequest.of("task-" + (i % 50), "linux", requirements, TTL).withScoring(scoring);
    }

    /** {@code size} resources in 32 shapes (cpu × region × cost), or each unique by a {@code host} attribute. */
    static PoolsConfig fleet(int size, boolean unique) {
        int[] cpus = {2, 4, 8, 16};
        double[] costs = {0.1, 0.2, 0.4, 0.8};
        List<ResourceSpec> resources = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("cpu", cpus[i % 4]);
            attributes.put("region", (i / 4) % 2 == 0 ? "eu-west-1" : "us-east-1");
            attributes.put("costPerHour", costs[(i / 8) % 4]);
            if (unique) {
                attributes.put("host", "h-" + i);
            }
            resources.add(new ResourceSpec("r-" + i, List.of("linux"), attributes));
        }
        return new PoolsConfig(List.of(new PoolSpec("bench", "static", resources, null, null)), null);
    }

    private static void print(List<Result> results, List<Integer> sizes) {
        System.out.println();
        StringBuilder header = new StringBuilder("| store | requests |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int size : sizes) {
            header.append(" ").append(String.format(Locale.ROOT, "%,d", size)).append(" resources |");
            rule.append("---|");
        }
        header.append(" largest ÷ smallest (CPU per decision) |");
        rule.append("---|");
        System.out.println(header);
        System.out.println(rule);
        Map<String, List<Result>> rows = new LinkedHashMap<>();
        results.forEach(r -> rows.computeIfAbsent(r.store() + " | " + r.kind(), k -> new ArrayList<>()).add(r));
        rows.forEach((row, rs) -> {
            StringBuilder line = new StringBuilder("| " + row + " |");
            rs.forEach(r -> line.append(String.format(Locale.ROOT, " %,.0f/s, %.1f CPU µs |", r.perSecond(), r.cpuMicrosPerDecision())));
            line.append(String.format(Locale.ROOT, " %.2f |", rs.get(rs.size() - 1).cpuMicrosPerDecision() / rs.get(0).cpuMicrosPerDecision()));
            System.out.println(line);
        });
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
