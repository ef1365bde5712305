package io.runway.bench.router;

import io.runway.core.traffic.Backend;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficSnapshot;
import io.runway.core.traffic.embedded.EmbeddedTrafficRouter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded router alone in its own JVM, built the way the product builds it (the CLI's local rollout
 * host and the Jenkins host both use {@code new EmbeddedTrafficRouter(clock)} with default options), with
 * the same 90/10 split as the load run. The router-vs-nginx script starts it next to nginx so that each
 * proxy runs in its own processes and the load generator and backends run in another JVM.
 *
 * <pre>
 * java -cp runway-bench/target/benchmarks.jar io.runway.bench.router.RouterProcessMain \
 *     --port=9190 --backend-ports=9101,9102 [--mirror=BASIS_POINTS]
 * </pre>
 *
 * {@code --mirror} also copies that share of v1's requests to v2 (shadow traffic, 1000 = 10%), to measure
 * what mirroring costs the router.
 *
 * Prints {@code router ready on 127.0.0.1:PORT} once it accepts requests, and the split it routed when the
 * process is stopped (SIGTERM or SIGINT).
 */
public final class RouterProcessMain {

    public static void main(String[] args) throws Exception {
        int port = RouterLoadMain.intArg(args, "port", 0);
        String[] ports = RouterLoadMain.stringArg(args, "backend-ports", "9101,9102").split(",");
        EmbeddedTrafficRouter router = new EmbeddedTrafficRouter(Clock.systemUTC());
        router.start();
        int bound = router.listen("bench", port);
        int mirror = RouterLoadMain.intArg(args, "mirror", 0);
        Route route = Route.canary("v1", Backend.of("http://127.0.0.1:" + ports[0]),
                "v2", Backend.of("http://127.0.0.1:" + ports[1]), 1_000);
        router.setRoute("bench", mirror == 0 ? route : route.withMirror(new Mirror("v2", mirror)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TrafficSnapshot split = router.snapshot("bench");
            System.out.printf(Locale.ROOT, "router split: v1=%d v2=%d requests (%.2f%% to v2), errors %d;"
                    + " mirrored to v2: %d (%.2f%% of v1's), errors %d%n",
                    split.version("v1").requests(), split.version("v2").requests(),
                    100.0 * split.version("v2").requests() / Math.max(1, split.total().requests()),
                    split.total().errors(), split.mirrored("v2").requests(),
                    100.0 * split.mirrored("v2").requests() / Math.max(1, split.version("v1").requests()),
                    split.mirrored("v2").errors());
            System.out.flush();
            router.close();
            stopped.countDown();
        }, "router-stop"));
        System.out.printf(Locale.ROOT, "router ready on 127.0.0.1:%d (90/10 to backends %s,%s); %d cores,"
                + " Java %s%n", bound, ports[0], ports[1], Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.flush();
        stopped.await();
    }
}
