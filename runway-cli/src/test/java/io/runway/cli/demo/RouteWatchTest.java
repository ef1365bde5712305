package io.runway.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.traffic.Backend;
import io.runway.core.traffic.CohortRule;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RouteWatchTest {
    private static final Backend V1 = Backend.of("http://127.0.0.1:9001");
    private static final Backend V2 = Backend.of("http://127.0.0.1:9002");

    private final List<Route> applied = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RouteWatch watch = new RouteWatch(new TrafficRouter() {
        @Override
        public void setRoute(String service, Route route) {
            applied.add(route);
        }

        @Override
        public TrafficSnapshot snapshot(String service) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }, now::get);

    @Test
    void notesTheFirstRouteThatNoLongerSendsToTheCanaryAfterPassingItOn() {
        watch.setRoute("shop", Route.canary("v1", V1, "v2", V2, 100));
        now.set(2_000);
        watch.setRoute("shop", Route.canary("v1", V1, "v2", V2, 500));
        assertThat(watch.stoppedSendingTo("shop", "v2")).isZero();

        now.set(3_000);
        watch.setRoute("shop", Route.single("v1", V1));
        now.set(4_000);
        watch.setRoute("shop", Route.single("v1", V1));

        assertThat(applied).hasSize(4);
        assertThat(watch.stoppedSendingTo("shop", "v2")).isEqualTo(3_000);
        assertThat(watch.stoppedSendingTo("shop", "v1")).isZero();
        assertThat(watch.stoppedSendingTo("other", "v2")).isZero();
    }

    @Test
    void aCohortRuleStillSendsToAVersionWithoutWeight() {
        Route cohortOnly = Route.canary("v1", V1, "v2", V2, 0)
                .withExperiments(List.of(CohortRule.headerEquals("X-Canary", "yes", "v2")));

        assertThat(RouteWatch.sendsTo(cohortOnly, "v2")).isTrue();
        assertThat(RouteWatch.sendsTo(Route.canary("v1", V1, "v2", V2, 0), "v2")).isFalse();
        assertThat(RouteWatch.sendsTo(Route.canary("v1", V1, "v2", V2, 1), "v2")).isTrue();
    }

    @Test
    void mirroredCopiesStillReachAVersionWithoutWeight() {
        Route mirrorOnly = Route.canary("v1", V1, "v2", V2, 0).withMirror(new Mirror("v2", 1_000));

        assertThat(RouteWatch.sendsTo(mirrorOnly, "v2")).isTrue();
        watch.setRoute("shop", mirrorOnly);
        watch.setRoute("shop", Route.single("v1", V1));
        assertThat(watch.stoppedSendingTo("shop", "v2")).isEqualTo(1_000);
    }
}
