package io.runway.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One client of the load tests: acquire (waiting) → hold a few ms → release, for a number of cycles,
 * appending each acknowledged step to a history. Runs as threads in the test JVM and, through
 * {@link #main}, as separate processes. Lines: {@code GRANT leaseId fencing nanos resource...} when a
 * 201 arrived and {@code RELEASE leaseId nanos} just before the release request is sent, then
 * {@code RELEASED leaseId} when its 200 arrived. System.nanoTime is shared across processes on Linux.
 */
public final class LoadWorker {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI server;
    private final String owner;
    private final History history;

    /** Where a worker writes its lines (a file for processes, a shared list in the test JVM). */
    public interface History {
        void record(String line);
    }

    public LoadWorker(URI server, String owner, History history) {
        this.server = server;
        this.owner = owner;
        this.history = history;
    }

    /** Runs {@code cycles} cycles; stops early (returning the count done) when the server goes away. */
    public int run(int cycles) {
        int done = 0;
        try {
            for (; done < cycles; done++) {
                cycle();
            }
        } catch (IOException e) {
            history.record("STOPPED " + owner + " " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    private void cycle() throws IOException, InterruptedException {
        String body = "{\"owner\":\"" + owner + "\",\"pool\":\"load\",\"ttl\":\"5m\",\"wait\":\"60s\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/api/v1/leases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        long grantedAt = System.nanoTime();
        if (r.statusCode() != 201) {
            history.record("REFUSED " + r.statusCode());
            return;
        }
        JsonNode lease = ApiJson.mapper().readTree(r.body());
        String id = lease.get("id").asText();
        StringBuilder line = new StringBuilder("GRANT ").append(id).append(' ').append(lease.get("fencingToken").asLong())
                .append(' ').append(grantedAt).append(' ').append(lease.get("expiresAt").asText());
        lease.get("resources").forEach(res -> line.append(' ').append(res.get("id").asText()));
        history.record(line.toString());
        LockSupport.parkNanos(Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 4)).toNanos()); // hold
        history.record("RELEASE " + id + " " + System.nanoTime());
        HttpResponse<String> released = http.send(HttpRequest.newBuilder(server.resolve("/api/v1/leases/" + id))
                .header("X-Runway-Lease-Token", lease.get("token").asText()).DELETE()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (released.statusCode() == 200) {
            history.record("RELEASED " + id);
        }
    }

    /** {@code LoadWorker URL OWNER CYCLES HISTORY_FILE}: one client process. */
    public static void main(String[] args) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])), true)) {
            LoadWorker worker = new LoadWorker(URI.create(args[0]), args[1], line -> {
                synchronized (out) {
                    out.println(line);
                }
            });
            worker.run(Integer.parseInt(args[2]));
        }
    }
}
