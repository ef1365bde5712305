package io.runway.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in service version for demos and tests. {@code GET /} answers {@code {"version":V}} (or 500 at the
 * configured rate) after the configured latency; {@code GET /health} is 200 once ready. Every answer carries
 * {@code X-Runway-Version} and echoes {@code X-Request-Id}. Listens on loopback only.
 */
public final class DemoApp implements AutoCloseable {
    private static final String REQUEST_ID = "X-Request-Id";

    private final DemoAppOptions options;
    private final HttpServer server;
    private final ScheduledExecutorService timer;
    private final SplittableRandom random;
    private final long readyAtNanos;

    private DemoApp(DemoAppOptions options, Runnable crash) throws IOException {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.readyAtNanos = System.nanoTime() + options.readyAfter().toNanos();
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-app-" + options.version());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 128);
        server.createContext("/health", this::health);
        server.createContext("/", this::root);
        server.setExecutor(timer);
        server.start();
        if (options.crashAfter() != null) {
            timer.schedule(crash, options.crashAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts serving; {@code crash} runs when {@code --crash-after} has passed (the main halts the JVM). */
    public static DemoApp start(DemoAppOptions options, Runnable crash) {
        try {
            return new DemoApp(options, crash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean ready = !options.neverReady() && System.nanoTime() - readyAtNanos >= 0;
        respond(exchange, ready ? 200 : 503, ready ? "ready" : "starting");
    }

    private void root(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            respond(exchange, 405, "GET only");
            return;
        }
        boolean fail = nextDraw() < options.errorRate();
        Runnable answer = () -> {
            try {
                respond(exchange, fail ? 500 : 200, fail ? "{\"error\":\"injected\"}" : "{\"version\":\"" + options.version() + "\"}");
            } catch (IOException e) {
                exchange.close(); // the client went away
            }
        };
        timer.schedule(answer, options.latency().toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized double nextDraw() {
        return random.nextDouble();
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        if (requestId != null && requestId.matches("[\\x21-\\x7e]{1,200}")) {
            exchange.getResponseHeaders().set(REQUEST_ID, requestId);
        }
        exchange.getResponseHeaders().set("X-Runway-Version", options.version());
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
    }

    public static void main(String[] args) {
        DemoAppOptions options = DemoAppOptions.parse(List.of(args));
        DemoApp app = start(options, () -> {
            System.out.println("crash-after " + options.crashAfter() + " reached: exiting");
            System.out.flush();
            Runtime.getRuntime().halt(70);
        });
        System.out.println("demo app " + options.version() + " listening on http://127.0.0.1:" + app.port());
    }
}
