package io.runway.core.lease;

import io.runway.core.placement.PlacementRequest;
import io.runway.core.placement.RequestPolicy;
import io.runway.core.placement.Scoring;
import io.runway.core.pool.PoolSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.ResourceRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The placement decision alone, without the store, replies or other threads: the engine's resource index
 * (the same classes the writer uses; this class sits in their package for that) holds a fleet of free
 * resources, and each decision picks one for a request through the shape index, takes it, and frees it
 * again (as a release would). Reported as nanoseconds of this thread's CPU time per decision, which a busy
 * machine disturbs far less than wall-clock time; each cell is the median of five runs. Same fleets and
 * requests as {@code PlacementBench}. The first row is the engine's existing path for plain lease
 * requests (free resources indexed by label, oldest free first) on the same fleet, for reference.
 *
 * <p>{@code java -cp runway-bench/target/benchmarks.jar io.runway.core.lease.PlacementDecisionBench}
 */
public final class PlacementDecisionBench {
    private static final List<List<String>> REQUIREMENTS = List.of(List.of(), List.of("cpu >= 4"),
            List.of("region == eu-west-1"), List.of("cpu >= 8", "region != us-east-1"));

    private static final int REPEATS = 5;
    private static final io.runway.core.label.LabelExpression LINUX = io.runway.core.label.LabelExpression.parse("linux", "c");

    private PlacementDecisionBench() {}

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int[] sizes = {100, 1_000, 10_000};
        String[] kinds = {"plain lease (label index, reference)", "32 shapes", "unique hosts, not read",
                "unique hosts, read by every request"};
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            if (round == 1) {
                System.out.println("| fleet | 100 resources | 1,000 resources | 10,000 resources | 10,000 ÷ 100 |");
                System.out.println("|---|---|---|---|---|");
            }
            for (String kind : kinds) {
                double[] ns = new double[sizes.length];
                for (int i = 0; i < sizes.length; i++) {
                    int n = kind.contains("read by") ? Math.max(decisions / 100, 1_000) : decisions;
                    double[] repeats = new double[REPEATS];
                    for (int r = 0; r < REPEATS; r++) {
                        repeats[r] = run(sizes[i], kind, n);
                    }
                    java.util.Arrays.sort(repeats);
                    ns[i] = repeats[REPEATS / 2]; // the median: a busy machine inflates some runs, rarely most
                }
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "| %s | %.0f ns | %.0f ns | %.0f ns | %.2f |%n", kind, ns[0], ns[1], ns[2],
                            ns[2] / ns[0]);
                }
            }
        }
    }

    /** CPU nanoseconds of this thread per decision. */
    static double run(int size, String kind, int decisions) {
        boolean plain = kind.startsWith("plain");
        boolean unique = kind.startsWith("unique");
        boolean readsHosts = kind.contains("read by");
        ResourceIndex index = new ResourceIndex();
        PoolSlot pool = new PoolSlot(new PoolSpec("bench", "static", null, null, null), new StaticProvider());
        index.addPool(pool);
        int[] cpus = {2, 4, 8, 16};
        double[] costs = {0.1, 0.2, 0.4, 0.8};
        for (int i = 0; i < size; i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("cpu", cpus[i % 4]);
            attributes.put("region", (i / 4) % 2 == 0 ? "eu-west-1" : "us-east-1");
            attributes.put("costPerHour", costs[(i / 8) % 4]);
            if (unique) {
                attributes.put("host", "h-" + i);
            }
            index.addResource(new ResourceSlot("r-" + i, pool, List.of("linux"), attributes,
                    new ResourceRecord("r-" + i, 1, "bench", ResourceState.FREE, null, Instant.EPOCH, 0)));
        }
        List<LeaseRequest> requests = new ArrayList<>();
        List<PlacementPolicy> policies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> constraints = new ArrayList<>(REQUIREMENTS.get(i % REQUIREMENTS.size()));
            if (readsHosts) {
                constraints.add("host != h-none");
            }
            PlacementRequest r = PlacementRequest.of("o", "linux", constraints, Duration.ofHours(1))
                    .withScoring(Scoring.values()[i % 3]);
            requests.add(r.toLeaseRequest(Duration.ZERO));
            policies.add(new RequestPolicy(r));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long sink = 0;
        for (int d = 0; d < decisions; d++) {
            int which = d % requests.size();
            List<ResourceSlot> picked = plain ? index.pickFree(null, LINUX, 1, s -> false)
                    : index.shapes.pick(null, requests.get(which), policies.get(which), 1, s -> false);
            ResourceSlot slot = picked.get(0);
            index.markTaken(slot);
            index.markFree(slot);
            sink += slot.freedSeq;
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print(""); // keeps the loop's result alive
        }
        return (double) cpu / decisions;
    }
}
