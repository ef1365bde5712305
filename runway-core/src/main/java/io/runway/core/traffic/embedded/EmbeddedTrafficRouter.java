package io.runway.core.traffic.embedded;

import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.UnavailableException;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * An in-process reverse proxy on 127.0.0.1 that splits each service's traffic between versions: one
 * listener (port) per service, all sharing one small thread pool, one timer thread and one upstream
 * client (built on Jetty's {@code ProxyHandler}).
 *
 * <pre>{@code
 * try (var router = new EmbeddedTrafficRouter(Clock.systemUTC())) {
 *     router.start();
 *     int port = router.listen("shop", 0);
 *     router.setRoute("shop", Route.canary("v1", stable, "v2", canary, 500)); // 5% to v2
 * }
 * }</pre>
 */
public final class EmbeddedTrafficRouter implements TrafficRouter {
    private static final String LOOPBACK = "127.0.0.1";

    private final Clock clock;
    private final EmbeddedRouterOptions options;
    private final ConcurrentHashMap<String, ServiceRouting> services = new ConcurrentHashMap<>();
    private final Map<Connector, ServiceRouting> servicesByConnector = new ConcurrentHashMap<>();
    private final Map<String, ServerConnector> listeners = new ConcurrentHashMap<>();
    private final QueuedThreadPool threads;
    private final ScheduledExecutorScheduler timer;
    private final Server server;

    public EmbeddedTrafficRouter(Clock clock) {
        this(EmbeddedRouterOptions.DEFAULT, clock);
    }

    public EmbeddedTrafficRouter(EmbeddedRouterOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = new RouterThreadPool(options.maxThreads(), 2);
        threads.setName("runway-router");
        threads.setReservedThreads(0); // no threads parked "just in case" on a 2-core machine
        this.timer = new ScheduledExecutorScheduler("runway-router-timer", true);
        this.server = new Server(threads, timer, null);
        server.setHandler(new RoutingProxyHandler(servicesByConnector, options, threads, timer));
        server.setStopTimeout(0);
    }

    /** Starts the shared threads and the upstream client; listeners are added with {@link #listen}. */
    public synchronized void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new UnavailableException("embedded router did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a listener on 127.0.0.1 for {@code service}. Requests to it are routed by the service's route
     * (503 until one is set).
     *
     * @param port the port to bind, or 0 for any free port
     * @return the bound port
     */
    public synchronized int listen(String service, int port) {
        if (!server.isStarted()) {
            throw new IllegalStateException("start() the router before listen()");
        }
        if (listeners.containsKey(service)) {
            throw new InvalidInputException("service", "service '" + service + "' already has a listener on port "
                    + listeners.get(service).getLocalPort());
        }
        // acceptors 0: the selector thread accepts too, one thread per listener instead of two.
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory());
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        servicesByConnector.put(connector, routingOf(service));
        // The listener's selector holds a pool thread for as long as it listens: grow the pool by that thread,
        // so the workers and the upstream client keep theirs however many services listen.
        threads.setMaxThreads(threads.getMaxThreads() + 1);
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector);
            servicesByConnector.remove(connector);
            threads.setMaxThreads(threads.getMaxThreads() - 1);
            throw new UnavailableException("cannot listen for '" + service + "' on " + LOOPBACK + ":"
                    + port + ": " + e.getMessage(), e);
        }
        listeners.put(service, connector);
        return connector.getLocalPort();
    }

    /** The address clients use to reach {@code service} through the router. */
    public URI address(String service) {
        ServerConnector connector = listeners.get(service);
        if (connector == null) {
            throw new NotFoundException("service", "service '" + service + "' has no listener");
        }
        return URI.create("http://" + LOOPBACK + ":" + connector.getLocalPort());
    }

    @Override
    public void setRoute(String service, Route route) {
        Objects.requireNonNull(route, "route");
        routingOf(service).publish(route);
    }

    /** GET, HEAD and OPTIONS requests without a body are copied; see {@link io.runway.core.traffic.Mirror}. */
    @Override
    public boolean mirrors() {
        return true;
    }

    @Override
    public TrafficSnapshot snapshot(String service) {
        ServiceRouting routing = services.get(service);
        if (routing == null || routing.table() == null) {
            throw new NotFoundException("service", "service '" + service + "' has never been given a route");
        }
        return routing.meter().snapshot(clock.instant());
    }

    @Override
    public synchronized void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new UnavailableException("embedded router did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private ServiceRouting routingOf(String service) {
        if (service == null || service.isBlank()) {
            throw new InvalidInputException("service", "service name must not be blank");
        }
        return services.computeIfAbsent(service, ServiceRouting::new);
    }
}
