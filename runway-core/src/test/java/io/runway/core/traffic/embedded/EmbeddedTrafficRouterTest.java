package io.runway.core.traffic.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.runway.core.error.NotFoundException;
import io.runway.core.traffic.Backend;
import io.runway.core.traffic.CohortRule;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.Stickiness;
import io.runway.core.traffic.TrafficSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedTrafficRouterTest extends EmbeddedRouterTestBase {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void forwardsMethodPathQueryHeadersAndBodyAndNamesTheVersion() throws Exception {
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));
        byte[] body = new byte[1 << 20];

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/a/b?x=1&y=%20z"))
                .header("X-Custom", "kept").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("v1|POST|/a/b?x=1&y=%20z|kept|" + body.length);
        assertThat(response.headers().allValues("X-Runway-Version")).containsExactly("v1");
    }

    @Test
    void manyServicesListenOnOneSmallPoolAndEachIsRouted() throws Exception {
        restartRouter(EmbeddedRouterOptions.DEFAULT.withMaxThreads(4));
        int services = 12; // each listener's selector holds a thread: far more than the 4 the options give
        for (int i = 1; i <= services; i++) {
            router.listen("svc-" + i, 0);
            router.setRoute("svc-" + i, Route.single(i % 2 == 0 ? "v1" : "v2", i % 2 == 0 ? stable.backend() : canary.backend()));
        }
        for (int i = 1; i <= services; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.address("svc-" + i).resolve("/x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("svc-" + i).isEqualTo(200);
            assertThat(response.headers().allValues("X-Runway-Version")).containsExactly(i % 2 == 0 ? "v1" : "v2");
        }
    }

    @Test
    void streamsALargeResponseBodyIntactThroughTheNonBlockingPath() throws Exception {
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));
        int size = 2 << 20; // far beyond any of Jetty's buffers: the body must be streamed in many chunks

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve("/big?n=" + size)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TestBackend.bigBody(size));
        assertThat(router.snapshot(SERVICE).version("v1").requests()).isEqualTo(1);
    }

    @Test
    void manyConcurrentClientsWithBodiesGetTheirOwnAnswersFromASmallPool() throws Exception {
        restartRouter(EmbeddedRouterOptions.DEFAULT.withMaxThreads(4));
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", canary.backend(), 2_000));
        int clients = 16;
        int perClient = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        LongAdder refused = new LongAdder();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientNo = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        byte[] body = new byte[(clientNo * perClient + i) * 997 % 65_536];
                        String id = "c" + clientNo + "-" + i;
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/p/" + id))
                                .header("X-Request-Id", id).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        String version = r.headers().firstValue("X-Runway-Version").orElse("?");
                        String expected = version + "|POST|/p/" + id + "|null|" + body.length;
                        if (!r.headers().firstValue("X-Request-Id").orElse("").equals(id)) {
                            problems.add("answer for " + id + " carried " + r.headers().firstValue("X-Request-Id"));
                        } else if (r.statusCode() == 200 && !r.body().equals(expected)) {
                            problems.add("answer for " + id + ": " + r.body() + ", expected " + expected);
                        } else if (r.statusCode() == 502) {
                            refused.increment(); // see splitsUnkeyedRequestsByWeight: a backend closing a pooled connection
                        } else if (r.statusCode() != 200) {
                            problems.add("answer for " + id + ": status " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(problems).isEmpty();
        TrafficSnapshot snapshot = router.snapshot(SERVICE);
        assertThat(snapshot.total().requests()).isEqualTo(clients * perClient);
        assertThat(snapshot.total().errors()).isEqualTo(refused.sum());
        assertThat(snapshot.version("v2").requests()).isCloseTo(clients * perClient / 5L, offset(clients * perClient / 100L));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "100, 20", "5000, 1000", "10000, 2000"})
    void splitsUnkeyedRequestsByWeight(int canaryBasisPoints, int expectedCanary) throws Exception {
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", canary.backend(), canaryBasisPoints));
        int requests = 2_000;

        int onCanary = 0;
        int onStable = 0;
        for (int i = 0; i < requests; i++) {
            String body = get("/", Map.of()).body();
            onCanary += body.startsWith("v2|") ? 1 : 0;
            onStable += body.startsWith("v1|") ? 1 : 0;
        }

        // Counter-based split: deterministic, within 1% of the requests (exact every 10,000).
        assertThat(onCanary).isCloseTo(expectedCanary, offset(requests / 100));
        // Each counter agrees with what the client saw. On a loaded machine the JDK test backend may close
        // a pooled connection just as the router reuses it: that request is counted as the version's error
        // (502 to the client), so the comparison is of successful requests.
        TrafficSnapshot snapshot = router.snapshot(SERVICE);
        assertThat(snapshot.version("v2").requests() - snapshot.version("v2").errors()).isEqualTo(onCanary);
        assertThat(snapshot.version("v1").requests() - snapshot.version("v1").errors()).isEqualTo(onStable);
        assertThat(snapshot.total().requests()).isEqualTo(requests);
    }

    @Test
    void stickyUsersOnTheCanaryStayThereWhileItGrows() throws Exception {
        Route route = Route.canary("v1", stable.backend(), "v2", canary.backend(), 500)
                .withStickiness(Stickiness.cookie("uid"));
        List<Set<String>> canaryUsers = new ArrayList<>();
        for (int weight : new int[] {500, 2_500, 5_000}) {
            router.setRoute(SERVICE, route.withWeights(Map.of("v2", weight, "v1", Route.TOTAL - weight)));
            Set<String> users = new HashSet<>();
            for (int user = 0; user < 400; user++) {
                if (get("/", Map.of("Cookie", "theme=dark; uid=user-" + user)).body().startsWith("v2|")) {
                    users.add("user-" + user);
                }
            }
            canaryUsers.add(users);
        }

        assertThat(canaryUsers.get(0)).isNotEmpty();
        assertThat(canaryUsers.get(1)).containsAll(canaryUsers.get(0)).hasSizeGreaterThan(canaryUsers.get(0).size());
        assertThat(canaryUsers.get(2)).containsAll(canaryUsers.get(1)).hasSizeGreaterThan(canaryUsers.get(1).size());
    }

    @Test
    void cohortsByHeaderAndCookieReachAVersionOfWeightZero() throws Exception {
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", canary.backend(), 0)
                .withExperiments(List.of(CohortRule.headerEquals("X-Beta", "yes", "v2"),
                        CohortRule.cookieMatches("team", "qa-[a-z]+", "v2"))));

        assertThat(get("/", Map.of("X-Beta", "yes")).body()).startsWith("v2|");
        assertThat(get("/", Map.of("Cookie", "team=qa-berlin")).body()).startsWith("v2|");
        assertThat(get("/", Map.of("Cookie", "team=dev-berlin")).body()).startsWith("v1|");
        for (int i = 0; i < 200; i++) {
            assertThat(get("/", Map.of()).body()).startsWith("v1|");
        }
        assertThat(router.snapshot(SERVICE).version("v2").requests()).isEqualTo(2);
    }

    @Test
    void propagatesASaneRequestIdAndGeneratesOtherwise() throws Exception {
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));

        HttpResponse<String> given = get("/", Map.of("X-Request-Id", "req-42"));
        HttpResponse<String> none = get("/", Map.of());
        HttpResponse<String> insane = get("/", Map.of("X-Request-Id", "x".repeat(500)));

        assertThat(given.headers().firstValue("X-Request-Id")).contains("req-42");
        assertThat(given.headers().firstValue("X-Seen-Request-Id")).contains("req-42");
        String generated = none.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f]{32}");
        assertThat(none.headers().firstValue("X-Seen-Request-Id")).contains(generated);
        assertThat(insane.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
    }

    @Test
    void addsViaAndForwardedAfterEarlierHops() throws Exception {
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));

        HttpResponse<String> first = get("/", Map.of());
        HttpResponse<String> chained = get("/", Map.of("Via", "1.1 edge", "Forwarded", "for=192.0.2.60;proto=https"));

        assertThat(first.headers().firstValue("X-Seen-Via")).contains("1.1 runway-router");
        assertThat(first.headers().firstValue("X-Seen-Forwarded").orElseThrow())
                .matches("by=127\\.0\\.0\\.1;for=127\\.0\\.0\\.1;host=\"127\\.0\\.0\\.1:\\d+\";proto=http");
        assertThat(chained.headers().firstValue("X-Seen-Via")).contains("1.1 edge, 1.1 runway-router");
        assertThat(chained.headers().firstValue("X-Seen-Forwarded").orElseThrow())
                .startsWith("for=192.0.2.60;proto=https, by=127.0.0.1;for=127.0.0.1;");
    }

    @Test
    void countsBackend5xxAsErrorsOfThatVersion() throws Exception {
        try (TestBackend broken = TestBackend.failing("v2", 503)) {
            router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", broken.backend(), 5_000));
            for (int i = 0; i < 100; i++) {
                get("/", Map.of());
            }

            TrafficSnapshot snapshot = router.snapshot(SERVICE);
            assertThat(snapshot.version("v2").requests()).isEqualTo(50);
            assertThat(snapshot.version("v2").errors()).isEqualTo(50);
            assertThat(snapshot.version("v1").errors()).isZero();
            assertThat(snapshot.version("v1").errorRate()).isZero();
        }
    }

    @Test
    void countsRefusedConnectionsAndTimeoutsAsErrors() throws Exception {
        restartRouter(EmbeddedRouterOptions.DEFAULT.withRequestTimeout(Duration.ofMillis(500))); // /slow never answers
        Backend refusing = Backend.of("http://127.0.0.1:" + closedPort());
        router.setRoute(SERVICE, Route.single("v9", refusing));
        HttpResponse<String> refused = get("/", Map.of("X-Request-Id", "refused-1"));
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));
        HttpResponse<String> timedOut = get("/slow", Map.of());

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.headers().firstValue("X-Request-Id")).contains("refused-1");
        assertThat(refused.headers().firstValue("X-Runway-Version")).contains("v9");
        assertThat(timedOut.statusCode()).isEqualTo(504);
        TrafficSnapshot snapshot = router.snapshot(SERVICE);
        assertThat(snapshot.version("v9").errors()).isEqualTo(1);
        assertThat(snapshot.version("v1").errors()).isEqualTo(1);
    }

    @Test
    void aBackendDyingAfterItsHeadersGetsACleanBadGateway() throws Exception {
        try (ServerSocket dying = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> {
                try (Socket s = dying.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    while (!in.readLine().isEmpty()) {
                        // the request's headers
                    }
                    // Promises 16 bytes and closes without a body, as a process stopped mid-answer does.
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the test's assertions say what happened
                }
            });
            backend.start();
            router.setRoute(SERVICE, Route.single("v7", Backend.of("http://127.0.0.1:" + dying.getLocalPort())));

            HttpResponse<String> r = get("/", Map.of("X-Request-Id", "dying-1"));
            backend.join(10_000);

            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.headers().firstValue("X-Request-Id")).contains("dying-1");
            assertThat(r.headers().firstValue("X-Runway-Version")).contains("v7");
            assertThat(router.snapshot(SERVICE).version("v7").errors()).isEqualTo(1);
        }
    }

    @Test
    void latencyHistogramCountsEveryRequestAndSubtractsToAnInterval() throws Exception {
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));
        for (int i = 0; i < 30; i++) {
            get("/", Map.of());
        }
        TrafficSnapshot first = router.snapshot(SERVICE);
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            get("/", Map.of());
        }
        TrafficSnapshot second = router.snapshot(SERVICE);

        assertThat(first.takenAt()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(first.version("v1").latency().count()).isEqualTo(30);
        assertThat(second.version("v1").latency().count()).isEqualTo(50);
        assertThat(second.version("v1").latency().p99Millis()).isPositive();
        TrafficSnapshot interval = second.minus(first);
        assertThat(interval.version("v1").requests()).isEqualTo(20);
        assertThat(interval.version("v1").latency().count()).isEqualTo(20);
        assertThat(interval.takenAt()).isEqualTo(Instant.parse("2026-11-02T10:00:10Z"));
    }

    @Test
    void switchingRoutesUnderLoadNeverDropsOrMisroutesARequest() throws Exception {
        Route route = Route.canary("v1", stable.backend(), "v2", canary.backend(), 0);
        router.setRoute(SERVICE, route);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                boolean switcher = c == 0;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        if (switcher && i % 25 == 0) {
                            int weight = Math.min(Route.TOTAL, i / 25 * 1_100);
                            router.setRoute(SERVICE, route.withWeights(Map.of("v2", weight, "v1", Route.TOTAL - weight)));
                        }
                        HttpResponse<String> r = get("/", Map.of());
                        String servedBy = r.body().split("\\|")[0];
                        if (r.statusCode() != 200 || !servedBy.equals(r.headers().firstValue("X-Runway-Version").orElse(""))) {
                            problems.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(problems).isEmpty();
        TrafficSnapshot snapshot = router.snapshot(SERVICE);
        assertThat(snapshot.total().requests()).isEqualTo(1_000);
        assertThat(snapshot.total().errors()).isZero();
        assertThat(snapshot.version("v2").requests()).isPositive();
    }

    @Test
    void answers503BeforeARouteAndRefusesSnapshotsOfUnknownServices() throws Exception {
        assertThat(get("/", Map.of()).statusCode()).isEqualTo(503);
        assertThatThrownBy(() -> router.snapshot(SERVICE)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("never been given a route");
    }

    @Test
    void newVersionsShowZeroTrafficUntilRouted() {
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", canary.backend(), 0));

        assertThat(router.snapshot(SERVICE).versions()).containsOnlyKeys("v1", "v2");
        assertThat(router.snapshot(SERVICE).version("v2").errorRate()).isNaN();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
