package io.runway.core.deploy.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The process LocalDeployer tests deploy: {@code --port N --version V [--never-ready] [--exit-after-ms N]
 * [--spawn-child] [--stubborn]}. GET / answers the version; GET /health is 200 unless never ready.
 */
public final class TestVersionMain {
    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        int port = Integer.parseInt(value(list, "--port", "0"));
        String version = value(list, "--version", "v0");
        boolean neverReady = list.contains("--never-ready");
        System.out.println("pid " + ProcessHandle.current().pid() + " version " + version);
        if (list.contains("--spawn-child")) {
            Process child = new ProcessBuilder("sleep", "300").start();
            System.out.println("child " + child.pid());
        }
        if (list.contains("--stubborn")) {
            // Refuses SIGTERM: a shutdown hook that never returns keeps the JVM alive until SIGKILL.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("ignoring SIGTERM");
                System.out.flush();
                awaitForever();
            }));
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long exitAfter = Long.parseLong(value(list, "--exit-after-ms", "-1"));
        if (exitAfter >= 0) {
            timer.schedule(() -> {
                System.out.println("crashing on purpose");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }, exitAfter, TimeUnit.MILLISECONDS);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/health", exchange -> answer(exchange, neverReady ? 503 : 200, "ok"));
        server.createContext("/", exchange -> answer(exchange, 200, "{\"version\":\"" + version + "\"}"));
        server.start();
        System.out.println(neverReady ? "warming up forever" : "listening on " + port);
        System.out.flush();
        awaitForever();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String value(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
