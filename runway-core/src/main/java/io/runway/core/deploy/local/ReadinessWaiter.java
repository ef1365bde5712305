package io.runway.core.deploy.local;

import io.runway.core.deploy.ReadinessProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Polls a deployment's readiness probe until it answers 2xx, its process exits, or the time is up. */
final class ReadinessWaiter {
    enum Outcome { READY, TIMED_OUT, EXITED }

    private final HttpClient client;
    private final Polling polling;

    ReadinessWaiter(HttpClient client, Polling polling) {
        this.client = client;
        this.polling = polling;
    }

    CompletableFuture<Outcome> await(URI endpoint, ReadinessProbe probe, Duration readyTimeout, ProcessHandle process) {
        URI target = probe.target(endpoint);
        AtomicBoolean exited = new AtomicBoolean();
        return polling.until(() -> {
            if (!ProcessLiveness.isRunning(process)) {
                exited.set(true);
                return CompletableFuture.completedFuture(true);
            }
            return probeOnce(target, probe.timeout());
        }, probe.interval(), polling.deadlineAfter(readyTimeout))
                .thenApply(held -> !held ? Outcome.TIMED_OUT : exited.get() ? Outcome.EXITED : Outcome.READY);
    }

    private CompletableFuture<Boolean> probeOnce(URI target, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null && response.statusCode() / 100 == 2);
    }
}
