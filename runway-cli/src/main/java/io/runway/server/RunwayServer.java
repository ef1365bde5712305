package io.runway.server;

import io.runway.cli.rollout.LocalRolloutHost;

import io.runway.core.lease.LeaseEngine;
import io.runway.core.task.run.TaskScheduler;
import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side of {@code runway serve}: a Jetty server answering the REST API of one {@link LeaseEngine}.
 * It does not own the engine; whoever started the engine closes it after {@link #stop()}.
 */
public final class RunwayServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final ServerMetrics metrics;

    private RunwayServer(LeaseEngine engine, LocalRolloutHost rolloutHost, TaskScheduler taskScheduler, AdminToken adminToken,
                         String bindAddress, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("runway-http");
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(bindAddress);
        connector.setPort(port);
        jetty.addConnector(connector);
        this.metrics = new ServerMetrics(engine);
        if (taskScheduler != null) {
            metrics.bindTasks(taskScheduler);
        }
        RolloutApi rollouts = rolloutHost == null ? null : new RolloutApi(rolloutHost, adminToken);
        TaskApi tasks = taskScheduler == null ? null : new TaskApi(taskScheduler, adminToken);
        jetty.setHandler(new ApiHandler(new LeaseApi(engine, adminToken), rollouts, tasks, metrics));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(5_000);
    }

    /** Binds and starts serving; {@code port} 0 picks a free port (see {@link #port()}). */
    public static RunwayServer start(LeaseEngine engine, AdminToken adminToken, String bindAddress, int port)
            throws Exception {
        return start(engine, null, adminToken, bindAddress, port);
    }

    /** Also serves rollouts on {@code rolloutHost} under {@code /api/v1/rollouts}. */
    public static RunwayServer start(LeaseEngine engine, LocalRolloutHost rolloutHost, AdminToken adminToken,
                                     String bindAddress, int port) throws Exception {
        return start(engine, rolloutHost, null, adminToken, bindAddress, port);
    }

    /** Also serves task graphs and their runs under {@code /api/v1/tasks} and {@code /api/v1/runs}. */
    public static RunwayServer start(LeaseEngine engine, LocalRolloutHost rolloutHost, TaskScheduler taskScheduler,
                                     AdminToken adminToken, String bindAddress, int port) throws Exception {
        RunwayServer server = new RunwayServer(engine, rolloutHost, taskScheduler, adminToken, bindAddress, port);
        server.jetty.start();
        return server;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Stops accepting new connections; exchanges in flight still get their answers. */
    public void stopAccepting() {
        connector.shutdown();
    }

    /** Stops accepting connections and ends the exchanges in flight. */
    public void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
