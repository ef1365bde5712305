package io.runway.bench.router;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A backend that answers every request at once with a short body naming its version. */
final class TinyBackend implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    TinyBackend(String version, int port, int threads) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(threads, 2);
        pool.setName("backend-" + version);
        pool.setReservedThreads(0);
        server = new Server(pool);
        connector = new ServerConnector(server, 0, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        byte[] body = ("hello from " + version + "\n").getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
