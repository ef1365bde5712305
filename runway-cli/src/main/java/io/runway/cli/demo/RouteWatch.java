package io.runway.cli.demo;

import io.runway.core.traffic.CohortRule;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The router as the rollouts see it, noting when a service's route stops sending traffic to a version:
 * the moment a rollback takes effect in the router (canary weight 0), which is what "time to mitigate"
 * measures. The note is taken after the router accepted the route, so the next request goes elsewhere.
 */
final class RouteWatch implements TrafficRouter {
    private final TrafficRouter router;
    private final LongSupplier nanoTime;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Long> stopped = new ConcurrentHashMap<>();

    RouteWatch(TrafficRouter router, LongSupplier nanoTime) {
        this.router = router;
        this.nanoTime = nanoTime;
    }

    @Override
    public void setRoute(String service, Route route) {
        router.setRoute(service, route);
        long now = nanoTime.getAsLong();
        Route before = routes.put(service, route);
        if (before == null) {
            return;
        }
        for (String version : before.backends().keySet()) {
            if (sendsTo(before, version) && !sendsTo(route, version)) {
                stopped.putIfAbsent(key(service, version), now);
            }
        }
    }

    /** When {@code service}'s route first stopped sending to {@code version} ({@link System#nanoTime}), or 0. */
    long stoppedSendingTo(String service, String version) {
        return stopped.getOrDefault(key(service, version), 0L);
    }

    /** Whether any request can reach {@code version}: by weight, by a cohort rule pinning it, or as a mirror. */
    static boolean sendsTo(Route route, String version) {
        if (route.weightOf(version) > 0 || (route.mirror() != null && route.mirror().version().equals(version))) {
            return true;
        }
        for (CohortRule rule : route.experiments()) {
            if (rule.version().equals(version)) {
                return true;
            }
        }
        return false;
    }

    private static String key(String service, String version) {
        return service + "\n" + version;
    }

    @Override
    public boolean mirrors() {
        return router.mirrors();
    }

    @Override
    public TrafficSnapshot snapshot(String service) {
        return router.snapshot(service);
    }

    /** The host closes the real router; a view has nothing of its own to release. */
    @Override
    public void close() {
    }
}
