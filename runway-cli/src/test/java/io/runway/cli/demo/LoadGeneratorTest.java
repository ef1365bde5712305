package io.runway.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.runway.core.error.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadGeneratorTest {
    private ScheduledExecutorService scheduler;
    private HttpServer server;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Set<String> requestIds = ConcurrentHashMap.newKeySet();

    /** Answers version "even" or "odd" by the user key's number; every 5th user gets a 500. */
    @BeforeEach
    void setUp() throws IOException {
        scheduler = Executors.newScheduledThreadPool(2);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            String user = exchange.getRequestHeaders().getFirst("X-User");
            users.add(user);
            requestIds.add(exchange.getRequestHeaders().getFirst("X-Request-Id"));
            int n = Integer.parseInt(user.substring("user-".length()));
            exchange.getResponseHeaders().set("X-Runway-Version", n % 2 == 0 ? "even" : "odd");
            exchange.sendResponseHeaders(n % 5 == 4 ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        scheduler.shutdownNow();
    }

    private LoadReport run(LoadGenerator.Options options) {
        HttpClient client = HttpClient.newBuilder().executor(scheduler).proxy(HttpClient.Builder.NO_PROXY).build();
        return new LoadGenerator(options, client).run(scheduler).orTimeout(45, TimeUnit.SECONDS).join();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void sendsExactlyTheRequestCountSpreadOverTheUserKeysAndGroupsByVersion() {
        LoadReport report = run(new LoadGenerator.Options(url(), 400, Duration.ofMinutes(1), 100, 10, "X-User", 100,
                Duration.ofSeconds(10)));

        assertThat(report.sent()).isEqualTo(100);
        assertThat(report.dropped()).isZero();
        assertThat(users).hasSize(10);
        assertThat(requestIds).hasSize(100);
        assertThat(report.byVersion()).containsOnlyKeys("even", "odd");
        LoadReport.VersionOutcome even = report.byVersion().get("even");
        LoadReport.VersionOutcome odd = report.byVersion().get("odd");
        assertThat(even.total()).isEqualTo(50);
        assertThat(odd.total()).isEqualTo(50);
        assertThat(even.serverErrors() + odd.serverErrors()).isEqualTo(20); // users 4 and 9
        assertThat(even.p50()).isLessThanOrEqualTo(even.p99());
        assertThat(report.describe()).contains("sent 100", "even", "odd");
    }

    @Test
    void theScheduleOffersRateTimesElapsedWithinBothBounds() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(200, Duration.ofSeconds(2), 1000);
        assertThat(schedule.dueBy(Duration.ZERO)).isEqualTo(1);
        assertThat(schedule.dueBy(Duration.ofMillis(999))).isEqualTo(200);
        assertThat(schedule.dueBy(Duration.ofMillis(1000))).isEqualTo(201);
        assertThat(schedule.dueBy(Duration.ofSeconds(2))).isEqualTo(400);
        assertThat(schedule.dueBy(Duration.ofHours(1))).isEqualTo(400);
        assertThat(new OpenLoopSchedule(200, Duration.ofSeconds(2), 50).dueBy(Duration.ofSeconds(1))).isEqualTo(50);
    }

    @Test
    void aDurationBoundStopsTheRunWithWhatWasDue() {
        LoadReport report = run(new LoadGenerator.Options(url(), 100, Duration.ofMillis(300), 1_000_000, 3, "X-User", 50,
                Duration.ofSeconds(10)));

        assertThat(report.sent() + report.dropped()).isEqualTo(30);
    }

    @Test
    void refusesAnythingButLoopback() {
        for (String target : new String[] {"http://example.com/", "http://10.0.0.1:80/", "https://127.0.0.1/",
                "http://127.0.0.1.evil.example/", "http://user@127.0.0.1/", "file:///etc/passwd", "http://0.0.0.0/"}) {
            assertThatThrownBy(() -> LoadGenerator.Options.defaults(URI.create(target)))
                    .as(target).isInstanceOf(InvalidInputException.class);
        }
        assertThat(LoadGenerator.Options.defaults(URI.create("http://localhost:8080/")).url().getPort()).isEqualTo(8080);
    }
}
