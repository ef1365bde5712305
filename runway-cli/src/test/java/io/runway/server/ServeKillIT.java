package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real server mid-load, restart on the same state directory: every acknowledged grant
 * not released is still ACTIVE with its expiry and fencing token, every acknowledged release is
 * RELEASED, and no resource is held by two leases.
 */
class ServeKillIT {
    @TempDir
    Path dir;

    private final List<RunwayProcess> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stopAll() throws Exception {
        for (RunwayProcess p : servers) {
            p.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostByKill9() throws Exception {
        Path config = ServeConcurrencyIT.writeConfig(dir);
        Path state = dir.resolve("state");
        RunwayProcess first = RunwayProcess.start(config, state, dir.resolve("first.log"));
        servers.add(first);
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 2; i++) { // held through the kill, never released
            JsonNode lease = ApiJson.mapper().readTree(http.send(HttpRequest.newBuilder(first.baseUri.resolve("/api/v1/leases"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"keeper\",\"pool\":\"load\",\"ttl\":\"1h\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            lines.add("GRANT " + lease.get("id").asText() + " " + lease.get("fencingToken").asLong() + " " + System.nanoTime()
                    + " " + lease.get("expiresAt").asText() + " " + lease.get("resources").get(0).get("id").asText());
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 16; i++) {
            LoadWorker worker = new LoadWorker(first.baseUri, "kill-" + i, lines::add);
            threads.submit(() -> worker.run(100_000));
        }
        LeaseApiTest.await(() -> lines.stream().filter(l -> l.startsWith("RELEASED")).count() >= 300, 60);
        first.kill();
        threads.shutdown();
        assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        RunwayProcess second = RunwayProcess.start(config, state, dir.resolve("second.log"));
        servers.add(second);
        HoldHistory history = HoldHistory.parse(lines);
        Map<String, String> releaseSent = new HashMap<>();
        lines.stream().filter(l -> l.startsWith("RELEASE ")).forEach(l -> releaseSent.put(l.split(" ")[1], l));
        int stillActive = 0;
        for (HoldHistory.Hold hold : history.holds.values()) {
            JsonNode lease = get(second, "/api/v1/leases/" + hold.leaseId());
            String leaseState = lease.get("state").asText();
            if (history.releaseAcknowledged.contains(hold.leaseId())) {
                assertThat(leaseState).as(hold.leaseId()).isEqualTo("RELEASED");
            } else if (releaseSent.containsKey(hold.leaseId())) {
                assertThat(leaseState).as(hold.leaseId()).isIn("ACTIVE", "RELEASED");
            } else {
                stillActive++;
                assertThat(leaseState).as(hold.leaseId()).isEqualTo("ACTIVE");
                assertThat(lease.get("expiresAt").asText()).isEqualTo(hold.expiresAt());
                assertThat(lease.get("fencingToken").asLong()).isEqualTo(hold.fencing());
            }
        }
        Map<String, String> holderOf = new HashMap<>();
        for (JsonNode lease : get(second, "/api/v1/leases")) {
            if (lease.get("state").asText().equals("ACTIVE")) {
                for (JsonNode r : lease.get("resources")) {
                    assertThat(holderOf.put(r.get("id").asText(), lease.get("id").asText()))
                            .as("resource %s held by two leases", r.get("id").asText()).isNull();
                }
            }
        }
        for (JsonNode r : get(second, "/api/v1/resources")) {
            if (r.get("state").asText().equals("LEASED")) {
                assertThat(holderOf.get(r.get("id").asText())).isEqualTo(r.get("leaseId").asText());
            }
        }
        assertThat(history.violations()).isEmpty();
        assertThat(stillActive).isGreaterThanOrEqualTo(2);
        System.out.printf("ServeKillIT: %d acknowledged grants, %d releases acknowledged, %d unreleased grants still ACTIVE%n",
                history.holds.size(), history.releaseAcknowledged.size(), stillActive);
    }

    private JsonNode get(RunwayProcess server, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiJson.mapper().readTree(r.body());
    }
}
