package io.runway.core.traffic.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.runway.core.traffic.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny loopback backend for one version. It answers {@code status} with a body naming the version and
 * echoing what it received; {@code /slow} holds the request until the backend is closed; {@code /big?n=N}
 * answers N bytes (a repeating pattern, see {@link #bigBody}) without echoing. A {@link #stalling} backend
 * holds every request until it is closed. Each request is noted in {@link #received} as it arrives.
 */
final class TestBackend implements AutoCloseable {
    static {
        // The JDK server leaves Nagle on by default: with delayed ACKs every keep-alive answer waits ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String version;
    private final int status;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(3);
    private final CountDownLatch release = new CountDownLatch(1);
    private final boolean stallAll;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    /** One request as the backend saw it. */
    record Received(String method, String path, String requestId, String mirrorHeader) {}

    private TestBackend(String version, int status, boolean stallAll) throws IOException {
        this.version = version;
        this.status = status;
        this.stallAll = stallAll;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    static TestBackend answering(String version) throws IOException {
        return new TestBackend(version, 200, false);
    }

    static TestBackend failing(String version, int status) throws IOException {
        return new TestBackend(version, status, false);
    }

    static TestBackend stalling(String version) throws IOException {
        return new TestBackend(version, 200, true);
    }

    /** The requests received so far, in arrival order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    Backend backend() {
        return Backend.of("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Request-Id"),
                exchange.getRequestHeaders().getFirst("X-Runway-Mirror")));
        try (exchange) {
            byte[] received;
            try (InputStream in = exchange.getRequestBody()) {
                received = in.readAllBytes();
            }
            if (exchange.getRequestURI().getPath().equals("/big")) {
                byte[] big = bigBody(Integer.parseInt(exchange.getRequestURI().getQuery().substring(2)));
                exchange.sendResponseHeaders(status, big.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(big);
                }
                return;
            }
            if (stallAll || exchange.getRequestURI().getPath().equals("/slow")) {
                awaitRelease();
            }
            String body = version + "|" + exchange.getRequestMethod() + "|" + exchange.getRequestURI()
                    + "|" + exchange.getRequestHeaders().getFirst("X-Custom") + "|" + received.length;
            exchange.getResponseHeaders().add("X-Seen-Request-Id",
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
            exchange.getResponseHeaders().add("X-Seen-Via", String.valueOf(exchange.getRequestHeaders().getFirst("Via")));
            exchange.getResponseHeaders().add("X-Seen-Forwarded",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Forwarded")));
            exchange.getResponseHeaders().add("X-Runway-Version", "forged-by-backend");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** What {@code /big?n=N} answers: N bytes of a pattern that a shifted or dropped chunk would break. */
    static byte[] bigBody(int n) {
        byte[] body = new byte[n];
        for (int i = 0; i < n; i++) {
            body[i] = (byte) (i * 31 + (i >>> 8));
        }
        return body;
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
