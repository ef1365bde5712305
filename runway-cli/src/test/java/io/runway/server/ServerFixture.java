package io.runway.server;

import io.runway.core.time.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.LeaseLimits;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An in-process server on port 0 over an engine on the in-memory store and a mutable clock (no automatic
 * tick: tests move the clock and call {@code engine.tick()}). Pools: {@code web} (web-1..3, labels linux,
 * quota 2 per owner) and {@code gpu} (gpu-1 with labels linux, gpu).
 */
public final class ServerFixture implements AutoCloseable {
    static final String ADMIN = "admin-secret-token";

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final ScheduledExecutorService executor = new java.util.concurrent.ScheduledThreadPoolExecutor(2) {
        /** Surfaces failures of engine tasks, which a scheduled executor would otherwise keep to itself. */
        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            if (r instanceof java.util.concurrent.Future<?> done && done.isDone() && !done.isCancelled()) {
                try {
                    done.get();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }
        }
    };
    final InMemoryStateStore store = new InMemoryStateStore();
    public final LeaseEngine engine;
    public final RunwayServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public ServerFixture() throws Exception {
        engine = LeaseEngine.start(config(), Map.of("static", new StaticProvider()), store, clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        server = RunwayServer.start(engine, AdminToken.of(ADMIN), "127.0.0.1", 0);
    }

    static PoolsConfig config() {
        List<ResourceSpec> web = List.of(
                new ResourceSpec("web-1", List.of("linux", "x86"), Map.of("cpu", 4)),
                new ResourceSpec("web-2", List.of("linux", "x86"), Map.of("cpu", 4)),
                new ResourceSpec("web-3", List.of("linux", "arm"), Map.of("cpu", 8)));
        return new PoolsConfig(List.of(
                new PoolSpec("web", "static", web, Duration.ZERO, new QuotaSpec(2)),
                new PoolSpec("gpu", "static", List.of(new ResourceSpec("gpu-1", List.of("linux", "gpu"), Map.of())),
                        Duration.ZERO, null)),
                new LeaseLimits(Duration.ofHours(2), Duration.ofMinutes(10), 10, null));
    }

    URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).DELETE();
        if (header != null) {
            b.header(header, value);
        }
        return send(b);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return ApiJson.mapper().readTree(response.body());
    }

    /** Acquires one lease that must be granted, returning the 201 body (with its token). */
    JsonNode acquire(String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/leases", body);
        if (r.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    @Override
    public void close() {
        server.stopAccepting();
        engine.close();
        server.stop();
        store.close();
        executor.shutdownNow();
    }
}
