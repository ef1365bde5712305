package io.runway.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoAppTest {
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private static DemoAppOptions options(double errorRate, Duration latency, Duration readyAfter, boolean neverReady) {
        return new DemoAppOptions(0, "v9", errorRate, latency, null, readyAfter, neverReady, 42);
    }

    private HttpResponse<String> get(DemoApp app, String path, String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void answersItsVersionAndEchoesTheRequestId() {
        try (DemoApp app = DemoApp.start(options(0, Duration.ZERO, Duration.ZERO, false), () -> {})) {
            HttpResponse<String> r = get(app, "/", "abc-123");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"version\":\"v9\"}");
            assertThat(r.headers().firstValue("X-Request-Id")).hasValue("abc-123");
            assertThat(r.headers().firstValue("X-Runway-Version")).hasValue("v9");
            assertThat(get(app, "/health", "h-1").headers().firstValue("X-Request-Id")).hasValue("h-1");
        }
    }

    @Test
    void failsAtTheConfiguredRateAfterTheConfiguredLatency() {
        int n = 300;
        double rate = 0.2;
        SplittableRandom sameSeed = new SplittableRandom(42);
        long expectedFailures = IntStream.range(0, n).filter(i -> sameSeed.nextDouble() < rate).count();
        try (DemoApp app = DemoApp.start(options(rate, Duration.ofMillis(30), Duration.ZERO, false), () -> {})) {
            List<CompletableFuture<Long>> calls = IntStream.range(0, n).mapToObj(i -> {
                long start = System.nanoTime();
                return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/")).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .thenApply(r -> r.statusCode() == 500 ? -(System.nanoTime() - start) : System.nanoTime() - start);
            }).toList();
            List<Long> results = calls.stream().map(c -> c.orTimeout(30, TimeUnit.SECONDS).join()).toList();

            long failures = results.stream().filter(l -> l < 0).count();
            assertThat(failures).isEqualTo(expectedFailures); // each request takes exactly one seeded draw
            assertThat((double) failures / n).isBetween(rate - 0.07, rate + 0.07);
            assertThat(results).allMatch(l -> Math.abs(l) >= Duration.ofMillis(30).toNanos());
        }
    }

    @Test
    void healthIsReadyOnlyAfterReadyAfterAndNeverWhenNeverReady() {
        try (DemoApp now = DemoApp.start(options(0, Duration.ZERO, Duration.ZERO, false), () -> {});
             DemoApp later = DemoApp.start(options(0, Duration.ZERO, Duration.ofHours(1), false), () -> {});
             DemoApp never = DemoApp.start(options(0, Duration.ZERO, Duration.ZERO, true), () -> {})) {
            assertThat(get(now, "/health", null).statusCode()).isEqualTo(200);
            assertThat(get(later, "/health", null).statusCode()).isEqualTo(503);
            assertThat(get(never, "/health", null).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void crashesByItselfAfterCrashAfter() {
        CompletableFuture<Void> crashed = new CompletableFuture<>();
        DemoAppOptions o = DemoAppOptions.parse(List.of("--port", "0", "--version", "v1", "--crash-after", "100ms"));
        try (DemoApp app = DemoApp.start(o, () -> crashed.complete(null))) {
            crashed.orTimeout(20, TimeUnit.SECONDS).join();
        }
        assertThat(crashed).isDone();
    }

    @Test
    void parsesItsCommandLineAndNamesTheBadOption() {
        DemoAppOptions o = DemoAppOptions.parse(List.of("--port", "8080", "--version", "v2", "--error-rate", "0.03",
                "--latency", "20ms", "--ready-after", "2s", "--seed", "7"));
        assertThat(o).isEqualTo(new DemoAppOptions(8080, "v2", 0.03, Duration.ofMillis(20), null, Duration.ofSeconds(2), false, 7));
        assertThatThrownBy(() -> DemoAppOptions.parse(List.of("--port", "1", "--version", "v", "--error-rate", "1.5")))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("--error-rate");
        assertThatThrownBy(() -> DemoAppOptions.parse(List.of("--port", "1", "--version", "v", "--latency", "soon")))
                .extracting("field").isEqualTo("--latency");
        assertThatThrownBy(() -> DemoAppOptions.parse(List.of("--port", "1", "--version", "v", "--rm", "-rf")))
                .extracting("field").isEqualTo("--rm");
    }
}
