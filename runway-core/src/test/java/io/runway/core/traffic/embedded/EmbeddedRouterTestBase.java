package io.runway.core.traffic.embedded;

import io.runway.core.time.MutableClock;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every embedded-router test starts from: a stable (v1) and a canary (v2) loopback backend, and a
 * started router listening for {@value #SERVICE} on a free port. All of it is closed after each test.
 */
abstract class EmbeddedRouterTestBase {
    static final String SERVICE = "shop";

    final MutableClock clock = MutableClock.at("2026-11-02T10:00:00Z");
    TestBackend stable;
    TestBackend canary;
    EmbeddedTrafficRouter router;
    /** The router's address for {@value #SERVICE}: {@code http://127.0.0.1:PORT}. */
    URI base;

    /**
     * The router's options at the start of each test. Default timeouts: a short one would turn a slow
     * moment of a loaded build machine into a 504.
     */
    EmbeddedRouterOptions initialOptions() {
        return EmbeddedRouterOptions.DEFAULT;
    }

    @BeforeEach
    final void startBackendsAndRouter() throws IOException {
        stable = TestBackend.answering("v1");
        canary = TestBackend.answering("v2");
        restartRouter(initialOptions());
    }

    /** Replaces the router with a new one, started with {@code options}; the backends stay. */
    final void restartRouter(EmbeddedRouterOptions options) {
        if (router != null) {
            router.close();
        }
        router = new EmbeddedTrafficRouter(options, clock);
        router.start();
        router.listen(SERVICE, 0);
        base = router.address(SERVICE);
    }

    @AfterEach
    final void stopRouterAndBackends() {
        router.close();
        stable.close();
        canary.close();
    }
}
