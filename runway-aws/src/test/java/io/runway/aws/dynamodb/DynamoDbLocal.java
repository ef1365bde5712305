package io.runway.aws.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local (the pinned Maven artifact) serving HTTP in this JVM on a free loopback port, in memory,
 * so real SDK clients (with their interceptors, retries and HTTP) talk to it. Its own launcher binds every
 * interface and reports start-up telemetry; this one wires its request handler into a Jetty server bound to
 * 127.0.0.1 only and never starts that telemetry. Needs {@code sqlite4java.library.path} (set by the build).
 */
public final class DynamoDbLocal implements AutoCloseable {
    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private DynamoDbLocal(Server server, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
    }

    public static DynamoDbLocal start() {
        if (System.getProperty("sqlite4java.library.path") == null) {
            throw new IllegalStateException("sqlite4java.library.path is not set: run through Maven, which copies the"
                    + " sqlite4java native libraries into target/sqlite4java-natives");
        }
        try {
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, true, null, false, false), null);
            // Used only to build DynamoDB Local's handler tree; its own (all-interfaces) server is never started.
            DynamoDBProxyServer layout = new DynamoDBProxyServer(0, handler);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(layout.setUpHandler(handler));
            server.start();
            return new DynamoDbLocal(server, handler, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start: " + e, e);
        }
    }

    /** The endpoint override for SDK clients. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop: " + e, e);
        } finally {
            handler.close();
        }
    }
}
