package io.runway.core.traffic.embedded;

import java.util.Map;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.internal.HttpConnectionOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * HTTP/1.1 to the backends, with each backend connection declared non-blocking so that Jetty parses a
 * backend's response on the selector thread that saw it readable instead of handing it to another pool
 * thread. The router's response listeners only hand bytes to the client's connection with a callback and
 * record a meter, so they never block; the hand-off they avoid is a thread wake-up per response, which on
 * a 2-core machine cost about a third of the router's CPU per request (docs/performance.md, Router,
 * session 3). Connections are otherwise exactly Jetty's ({@code HttpConnectionOverHTTP}).
 */
final class NonBlockingClientTransport extends HttpClientTransportOverHTTP {

    NonBlockingClientTransport(ClientConnector connector) {
        super(connector);
    }

    @Override
    public Connection newConnection(EndPoint endPoint, Map<String, Object> context) {
        HttpConnectionOverHTTP connection = new HttpConnectionOverHTTP(endPoint, context) {
            @Override
            public Invocable.InvocationType getInvocationType() {
                return Invocable.InvocationType.NON_BLOCKING;
            }
        };
        connection.setInitialize(isInitializeConnections());
        return customize(connection, context);
    }
}
