package io.runway.jenkins.gate;

import io.runway.core.judge.LatencySummary;
import io.runway.core.judge.VersionSample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Probes one URL and keeps cumulative counts since the gate started: a response of 500 or more, or no
 * response within the timeout, is an error. Latency percentiles are over the latest 10,000 probes.
 * Requests go out asynchronously; no thread waits for a response.
 */
public final class ProbeCounter {
    private static final int LATENCY_WINDOW = 10_000;

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private long requests;
    private long errors;
    private final List<Double> latencies = new ArrayList<>();

    public ProbeCounter(HttpClient client, URI url, Duration timeout) {
        this.client = client;
        this.url = url;
        this.timeout = timeout;
    }

    /** Sends {@code n} GETs; completes when each has answered or failed. */
    public CompletableFuture<Void> probe(int n) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long started = System.nanoTime(); // a duration, not a time of day: the monotonic source
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        record(error == null && response.statusCode() < 500, (System.nanoTime() - started) / 1e6);
                        return null;
                    }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    synchronized void record(boolean ok, double millis) {
        requests++;
        if (!ok) {
            errors++;
        }
        latencies.add(millis);
        if (latencies.size() > LATENCY_WINDOW) {
            latencies.remove(0);
        }
    }

    public synchronized VersionSample sample() {
        if (latencies.isEmpty()) {
            return VersionSample.of(requests, errors);
        }
        List<Double> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        return new VersionSample(requests, errors, new LatencySummary(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99)));
    }

    private static double at(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
