package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process under contention: 32 client threads here plus 3 client processes cycle
 * acquire/hold/release on a pool of 8. Over the whole history no resource is ever held twice at once,
 * fencing tokens grow per resource, and the server's audit trail agrees with what clients saw.
 */
class ServeConcurrencyIT {
    static final int THREADS = 32;
    static final int PROCESSES = 3;
    static final int CYCLES_PER_THREAD = 50;
    static final int CYCLES_PER_PROCESS = 100;

    @TempDir
    Path dir;

    private RunwayProcess server;
    private final List<Process> clients = new ArrayList<>();

    static Path writeConfig(Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder("pools:\n  - name: load\n    provider: static\n    resources:\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("      - name: r-").append(i).append("\n        labels: [linux]\n");
        }
        return Files.writeString(dir.resolve("pools.yaml"), yaml);
    }

    @AfterEach
    void stopAll() throws Exception {
        clients.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noResourceIsEverHeldTwiceAtOnce() throws Exception {
        server = RunwayProcess.start(writeConfig(dir), dir.resolve("state"), dir.resolve("server.log"));
        long start = System.nanoTime();
        for (int i = 0; i < PROCESSES; i++) {
            clients.add(new ProcessBuilder(RunwayProcess.javaBin(), "-cp", System.getProperty("java.class.path"),
                    LoadWorker.class.getName(), server.baseUri.toString(), "proc-" + i,
                    Integer.toString(CYCLES_PER_PROCESS), dir.resolve("proc-" + i + ".log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("proc-" + i + ".out").toFile()).start());
        }
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            LoadWorker worker = new LoadWorker(server.baseUri, "thread-" + i, lines::add);
            done.add(threads.submit(() -> worker.run(CYCLES_PER_THREAD)));
        }
        int cycles = 0;
        for (Future<Integer> f : done) {
            cycles += f.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();
        for (int i = 0; i < PROCESSES; i++) {
            assertThat(clients.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
            lines.addAll(Files.readAllLines(dir.resolve("proc-" + i + ".log")));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        HoldHistory history = HoldHistory.parse(lines);
        System.out.printf("ServeConcurrencyIT: %d grants (%d by threads) in %d ms%n", history.holds.size(), cycles, millis);
        assertThat(lines).noneMatch(l -> l.startsWith("STOPPED") || l.startsWith("REFUSED"));
        assertThat(history.holds).hasSize(THREADS * CYCLES_PER_THREAD + PROCESSES * CYCLES_PER_PROCESS);
        assertThat(history.violations()).isEmpty();
        assertThat(history.releaseAcknowledged).hasSameSizeAs(history.holds.keySet());
        checkAuditTrail(history);
    }

    /** The server's events say the same: each lease granted once with its fencing token, then released. */
    private void checkAuditTrail(HoldHistory history) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (HoldHistory.Hold hold : history.holds.values()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri.resolve("/api/v1/events?lease=" + hold.leaseId()))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode events = ApiJson.mapper().readTree(r.body());
            assertThat(events.findValuesAsText("type")).containsExactly("lease.granted", "lease.released");
            assertThat(events.get(0).get("reason").asText()).contains("fencing token " + hold.fencing() + " ");
        }
    }
}
