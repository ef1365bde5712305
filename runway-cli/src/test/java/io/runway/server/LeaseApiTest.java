package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting acquires: answered asynchronously when resources free up, cancelled when the client leaves. */
class LeaseApiTest {
    private static final String HOLD_GPU = "{\"owner\":\"a\",\"pool\":\"gpu\",\"ttl\":\"10m\"}";
    private static final String WAIT_GPU = "{\"owner\":\"b\",\"pool\":\"gpu\",\"ttl\":\"10m\",\"wait\":\"5m\"}";

    private final ServerFixture f = newFixtureForTests();

    static ServerFixture newFixtureForTests() {
        try {
            return new ServerFixture();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void waitingAcquireIsGrantedWhenTheHolderReleases() throws Exception {
        JsonNode held = f.acquire(HOLD_GPU);
        CompletableFuture<HttpResponse<String>> waiting = f.http.sendAsync(HttpRequest.newBuilder(f.uri("/api/v1/leases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(WAIT_GPU))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        await(() -> f.engine.stats().waiting() == 1);
        assertThat(waiting).isNotDone();

        HttpResponse<String> released = f.delete("/api/v1/leases/" + held.get("id").asText(),
                LeaseApi.TOKEN_HEADER, held.get("token").asText());
        assertThat(released.statusCode()).isEqualTo(200);

        HttpResponse<String> granted = waiting.get(20, TimeUnit.SECONDS);
        assertThat(granted.statusCode()).isEqualTo(201);
        JsonNode lease = ServerFixture.json(granted);
        assertThat(lease.get("owner").asText()).isEqualTo("b");
        assertThat(lease.get("fencingToken").asLong()).isGreaterThan(held.get("fencingToken").asLong());
        assertThat(lease.get("resources").get(0).get("id").asText()).isEqualTo("gpu-1");
    }

    @Test
    void waitThatElapsesAnswers409NotGranted() throws Exception {
        f.acquire(HOLD_GPU);
        CompletableFuture<HttpResponse<String>> waiting = f.http.sendAsync(HttpRequest.newBuilder(f.uri("/api/v1/leases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(WAIT_GPU))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        await(() -> f.engine.stats().waiting() == 1);
        f.clock.advance(Duration.ofMinutes(5));
        f.engine.tick().get(5, TimeUnit.SECONDS);

        HttpResponse<String> answer = waiting.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(ServerFixture.json(answer).get("error").asText()).isEqualTo("not_granted");
    }

    @Test
    void clientThatHangsUpWhileWaitingIsNeverGranted() throws Exception {
        JsonNode held = f.acquire(HOLD_GPU);
        try (Socket socket = new Socket("127.0.0.1", f.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/leases HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + WAIT_GPU.length() + "\r\n\r\n" + WAIT_GPU).getBytes(StandardCharsets.UTF_8));
            out.flush();
            await(() -> f.engine.stats().waiting() == 1);
        }
        // The server notices the hang-up and records the abandoned exchange (status 499).
        await(() -> f.server.metrics().scrape().contains("status=\"499\""));

        f.delete("/api/v1/leases/" + held.get("id").asText(), LeaseApi.TOKEN_HEADER, held.get("token").asText());
        await(() -> f.engine.stats().waiting() == 0);
        assertThat(f.engine.resources()).filteredOn(r -> r.id().equals("gpu-1"))
                .singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(ResourceState.FREE));
        assertThat(f.engine.leases()).noneMatch(l -> l.owner().equals("b") && l.state() == LeaseState.ACTIVE);
    }

    /** Polls a condition reached by another thread; bounded, and not a sleep standing in for a signal. */
    static void await(BooleanSupplier condition) {
        await(condition, 10);
    }

    static void await(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + seconds + "s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
