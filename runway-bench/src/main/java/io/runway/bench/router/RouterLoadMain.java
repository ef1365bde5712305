package io.runway.bench.router;

import io.runway.core.traffic.Backend;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficSnapshot;
import io.runway.core.traffic.embedded.EmbeddedRouterOptions;
import io.runway.core.traffic.embedded.EmbeddedTrafficRouter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.client.HttpClient;

/**
 * Router overhead: the same closed-loop load straight at a backend and through the embedded router with a
 * 90/10 split, reporting throughput and the latency the router adds. Everything runs on 127.0.0.1.
 *
 * <pre>
 * java -cp runway-bench/target/benchmarks.jar io.runway.bench.router.RouterLoadMain \
 *     [--connections=8] [--seconds=10] [--warmup=3] [--prewarm=10] [--rounds=1] [--router-threads=8] \
 *     [--in-jvm-router=true] [--backend-ports=9101,9102] [--target=nginx=http://127.0.0.1:8080/] \
 *     [--cpu-nginx=PID,PID] [--cpu-router=PID]
 * </pre>
 *
 * Fixed backend ports let a peer proxy (nginx, configured with the same 90/10 upstream weights) point at
 * the same backends; each {@code --target} is measured after the built-in ones, under the same load.
 * With {@code --in-jvm-router=false} no router runs in this JVM: the router is then one more
 * {@code --target}, a {@link RouterProcessMain} in its own process, like nginx. Each round measures every
 * target once, in order, so several rounds alternate the targets through the machine's changing load.
 * {@code --cpu-NAME=PIDS} names the processes serving target NAME; their CPU per request is reported.
 * Before the first round every target gets {@code --prewarm} seconds of the same load, not measured (as JMH's
 * warm-up iterations): a proxy in its own JVM sees traffic only in its own slot, so without it the first
 * round measured that JVM's JIT compiling rather than the proxy (0.49 × nginx in round 1, 0.84-0.98 × after).
 */
public final class RouterLoadMain {

    public static void main(String[] args) throws Exception {
        int connections = intArg(args, "connections", 8);
        long seconds = intArg(args, "seconds", 10);
        long warmup = intArg(args, "warmup", 3);
        long prewarm = intArg(args, "prewarm", 10);
        int rounds = intArg(args, "rounds", 1);
        int routerThreads = intArg(args, "router-threads", 8);
        boolean inJvmRouter = Boolean.parseBoolean(stringArg(args, "in-jvm-router", "true"));
        String[] ports = stringArg(args, "backend-ports", "0,0").split(",");
        List<LoadTarget> extra = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--target=")) {
                extra.add(LoadTarget.parse(arg.substring("--target=".length())));
            }
        }

        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(connections);
        client.start();
        EmbeddedTrafficRouter router = null;
        try (TinyBackend stable = new TinyBackend("v1", Integer.parseInt(ports[0]), 8);
             TinyBackend canary = new TinyBackend("v2", Integer.parseInt(ports[1]), 8)) {
            List<LoadTarget> targets = new ArrayList<>();
            targets.add(new LoadTarget("direct", URI.create("http://127.0.0.1:" + stable.port() + "/")));
            if (inJvmRouter) {
                router = new EmbeddedTrafficRouter(
                        EmbeddedRouterOptions.DEFAULT.withMaxThreads(routerThreads), Clock.systemUTC());
                router.start();
                router.listen("bench", 0);
                router.setRoute("bench", Route.canary("v1", backend(stable), "v2", backend(canary), 1_000));
                targets.add(new LoadTarget("router", router.address("bench").resolve("/")));
            }
            targets.addAll(extra);

            System.out.printf(Locale.ROOT, "backends v1=127.0.0.1:%d v2=127.0.0.1:%d; in-JVM router: %s;"
                            + " %d connections, %ds warm-up + %ds per target, %d round(s); %d cores, Java %s%n",
                    stable.port(), canary.port(), inJvmRouter ? router.address("bench") : "none", connections,
                    warmup, seconds, rounds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            ClosedLoopLoad load = new ClosedLoopLoad(client, connections);
            if (prewarm > 0) {
                for (LoadTarget target : targets) {
                    load.run(target, prewarm * 1_000, 1_000, ProcessCpu.parse(""));
                }
                System.out.printf(Locale.ROOT, "pre-warmed every target for %ds (not measured)%n", prewarm);
            }
            for (int round = 1; round <= rounds; round++) {
                String loadBefore = loadAverage();
                List<LoadResult> results = new ArrayList<>();
                for (LoadTarget target : targets) {
                    ProcessCpu cpu = ProcessCpu.parse(stringArg(args, "cpu-" + target.name(), ""));
                    results.add(load.run(target, warmup * 1_000, seconds * 1_000, cpu));
                }
                System.out.printf(Locale.ROOT, "%nround %d (load average before: %s, after: %s)%n",
                        round, loadBefore, loadAverage());
                report(results);
            }
            if (router != null) {
                TrafficSnapshot split = router.snapshot("bench");
                System.out.printf(Locale.ROOT, "router split (incl. warm-up): v1=%d v2=%d requests, errors %d%n",
                        split.version("v1").requests(), split.version("v2").requests(), split.total().errors());
            }
        } finally {
            if (router != null) {
                router.close();
            }
            client.stop();
        }
    }

    private static void report(List<LoadResult> results) {
        System.out.println(LoadResult.header());
        results.forEach(r -> System.out.println(r.row()));
        LoadResult direct = results.get(0);
        for (LoadResult r : results.subList(1, results.size())) {
            System.out.printf(Locale.ROOT, "%s adds p50 %+.3f ms, p99 %+.3f ms; throughput %.0f%% of direct%n",
                    r.target(), r.percentileMillis(50) - direct.percentileMillis(50),
                    r.percentileMillis(99) - direct.percentileMillis(99),
                    100.0 * r.throughput() / direct.throughput());
        }
        LoadResult router = find(results, "router");
        LoadResult nginx = find(results, "nginx");
        if (router != null && nginx != null) {
            System.out.printf(Locale.ROOT, "router / nginx throughput: %.2f x; CPU per request: %.2f x%n",
                    router.throughput() / nginx.throughput(),
                    router.cpuMicrosPerRequest() / nginx.cpuMicrosPerRequest());
        }
    }

    private static LoadResult find(List<LoadResult> results, String target) {
        return results.stream().filter(r -> r.target().equals(target)).findFirst().orElse(null);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Backend backend(TinyBackend b) {
        return Backend.of("http://127.0.0.1:" + b.port());
    }

    static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    static String stringArg(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
