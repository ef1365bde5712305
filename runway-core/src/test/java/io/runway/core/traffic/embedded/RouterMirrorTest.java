package io.runway.core.traffic.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.traffic.Backend;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficSnapshot;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shadow traffic through the embedded router: what is copied, what is counted, what clients see. */
class RouterMirrorTest extends EmbeddedRouterTestBase {
    /** Copies are sent asynchronously; this bounds how long a test waits for them to be answered. */
    private static final Duration COPIES_SETTLE = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<TestBackend> shadows = new ArrayList<>();

    @AfterEach
    void stopShadows() {
        shadows.forEach(TestBackend::close);
    }

    private TestBackend shadow(TestBackend backend) {
        shadows.add(backend);
        return backend;
    }

    /** All traffic to v1, and a copy of {@code basisPoints} of it to v2. */
    private void mirrorTo(Backend shadow, int basisPoints) {
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", shadow, 0)
                .withMirror(new Mirror("v2", basisPoints)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    @Test
    void aMirroredRequestIsAnsweredByTheServingVersionAndCountedApartForTheShadow() throws Exception {
        TestBackend shadow = shadow(TestBackend.answering("v2"));
        mirrorTo(shadow.backend(), Route.TOTAL);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = send(get("/item/" + i).header("X-Request-Id", "req-" + i));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("v1|GET|/item/" + i + "|");
            assertThat(response.headers().firstValue("X-Runway-Version")).hasValue("v1");
            ids.add("req-" + i);
        }

        awaitMirrored("v2", 20);
        TrafficSnapshot snapshot = router.snapshot(SERVICE);
        assertThat(snapshot.version("v1").requests()).isEqualTo(20);
        assertThat(snapshot.version("v2").requests()).as("no client was served by v2").isZero();
        assertThat(snapshot.mirrored("v2").requests()).isEqualTo(20);
        assertThat(snapshot.mirrored("v2").errors()).isZero();
        assertThat(snapshot.total().requests()).as("copies are not client traffic").isEqualTo(20);
        assertThat(shadow.received()).hasSize(20).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.mirrorHeader()).isEqualTo("1");
        });
        assertThat(shadow.received()).extracting(TestBackend.Received::requestId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(stable.received()).allSatisfy(r -> assertThat(r.mirrorHeader()).isNull());
    }

    @Test
    void requestsThatAreNotSafeToRepeatAreNeverCopied() throws Exception {
        TestBackend shadow = shadow(TestBackend.answering("v2"));
        mirrorTo(shadow.backend(), Route.TOTAL);

        send(get("/pay").POST(HttpRequest.BodyPublishers.ofString("card=1")));
        send(get("/pay").PUT(HttpRequest.BodyPublishers.ofString("card=1")));
        send(get("/pay").DELETE());
        send(get("/pay").method("PATCH", HttpRequest.BodyPublishers.ofString("x")));
        send(get("/search").method("GET", HttpRequest.BodyPublishers.ofString("a body on a GET")));
        send(get("/after")); // the one request that is copied: proves the mirror was on all along

        awaitMirrored("v2", 1);
        assertThat(stable.received()).hasSize(6);
        assertThat(shadow.received()).extracting(TestBackend.Received::path).containsExactly("/after");
        assertThat(router.snapshot(SERVICE).mirrored("v2").requests()).isEqualTo(1);
    }

    @Test
    void aFailingShadowCountsErrorsButNoClientSeesThem() throws Exception {
        TestBackend shadow = shadow(TestBackend.failing("v2", 503));
        mirrorTo(shadow.backend(), Route.TOTAL);

        for (int i = 0; i < 10; i++) {
            assertThat(send(get("/")).statusCode()).isEqualTo(200);
        }

        awaitMirrored("v2", 10);
        TrafficSnapshot snapshot = router.snapshot(SERVICE);
        assertThat(snapshot.mirrored("v2").errors()).isEqualTo(10);
        assertThat(snapshot.version("v1").errors()).isZero();
    }

    @Test
    void aShadowThatCannotBeReachedCountsEveryCopyAsAnError() throws Exception {
        TestBackend gone = TestBackend.answering("v2");
        Backend unreachable = gone.backend();
        gone.close(); // its port now refuses connections

        mirrorTo(unreachable, Route.TOTAL);
        for (int i = 0; i < 5; i++) {
            assertThat(send(get("/")).statusCode()).isEqualTo(200);
        }

        awaitMirrored("v2", 5);
        assertThat(router.snapshot(SERVICE).mirrored("v2").errors()).isEqualTo(5);
    }

    @Test
    void copiesTakeAtMostHalfTheConnectionsOfTheShadowSoAStalledShadowCannotPileUp() throws Exception {
        restartRouter(new EmbeddedRouterOptions(8, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 4));
        TestBackend shadow = shadow(TestBackend.stalling("v2"));
        mirrorTo(shadow.backend(), Route.TOTAL);

        for (int i = 0; i < 12; i++) {
            assertThat(send(get("/")).statusCode()).as("clients are served while copies stall").isEqualTo(200);
        }

        await(() -> shadow.received().size() == 2, "two copies reach the stalled shadow");
        assertThat(shadow.received()).as("at most 4 / 2 copies in flight").hasSize(2);

        shadow.close(); // answers (or drops) the two stalled copies and frees their places
        await(() -> router.snapshot(SERVICE).mirrored("v2").requests() == 2, "the stalled copies end");
        TestBackend second = shadow(TestBackend.answering("v2"));
        mirrorTo(second.backend(), Route.TOTAL);
        send(get("/again"));
        await(() -> second.received().size() == 1, "a copy is sent again once places are free");
    }

    @Test
    void aRouteWithoutTheMirrorStopsTheCopies() throws Exception {
        TestBackend shadow = shadow(TestBackend.answering("v2"));
        mirrorTo(shadow.backend(), Route.TOTAL);
        send(get("/one"));
        awaitMirrored("v2", 1);

        router.setRoute(SERVICE, Route.single("v1", stable.backend()));
        for (int i = 0; i < 10; i++) {
            send(get("/after"));
        }

        assertThat(stable.received()).hasSize(11);
        assertThat(shadow.received()).extracting(TestBackend.Received::path).containsExactly("/one");
    }

    @Test
    void copiesTheGivenShare() throws Exception {
        TestBackend shadow = shadow(TestBackend.answering("v2"));
        mirrorTo(shadow.backend(), 2_500);
        int requests = 400;
        for (int i = 0; i < requests; i++) {
            send(get("/"));
        }

        // Picked by a counter's bucket, like weighted routing: a run of 400 holds the share to within ~1%.
        await(() -> router.snapshot(SERVICE).mirrored("v2").requests() == shadow.received().size()
                && shadow.received().size() >= 96, "copies answered");
        assertThat(shadow.received().size()).isBetween(96, 104);
    }

    @Test
    void theShadowsAnswerBodyIsReadAndDropped() throws Exception {
        TestBackend shadow = shadow(TestBackend.answering("v2"));
        mirrorTo(shadow.backend(), Route.TOTAL);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send(get("/big?n=" + (2 << 20)));
            assertThat(response.statusCode()).isEqualTo(200);
        }
        awaitMirrored("v2", 3);
        assertThat(router.snapshot(SERVICE).mirrored("v2").errors()).isZero();
    }

    @Test
    void aRouteRefusesAMirrorToAVersionWithoutABackendOrAShareOutOfRange() {
        assertThatThrownBy(() -> Route.single("v1", stable.backend()).withMirror(new Mirror("v2", 100)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'v2', which has no backend");
        assertThatThrownBy(() -> new Mirror("v2", 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 1 and 10000");
        assertThatThrownBy(() -> new Mirror("v2", 10_001)).isInstanceOf(InvalidInputException.class);
        Route mirrored = Route.canary("v1", stable.backend(), "v2", stable.backend(), 0).withMirror(new Mirror("v2", 5));
        assertThat(mirrored.withWeights(Map.of("v1", 9_000, "v2", 1_000)).mirror()).isEqualTo(new Mirror("v2", 5));
    }

    private void awaitMirrored(String version, long copies) {
        await(() -> router.snapshot(SERVICE).mirrored(version).requests() >= copies, copies + " copies answered");
        assertThat(router.snapshot(SERVICE).mirrored(version).requests()).isEqualTo(copies);
    }

    /**
     * Copies travel on the router's own threads, so their effects are awaited, within a bound. The loop
     * yields rather than sleeps: it waits on real I/O, not on time, and leaves the cores to the router.
     */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + COPIES_SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + COPIES_SETTLE + ": " + what);
            }
            Thread.yield();
        }
    }
}
