package io.runway.core.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.DeploymentRef;
import io.runway.core.rollout.RolloutDecider;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.Role;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import io.runway.core.traffic.LatencyHistogram;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import io.runway.core.traffic.VersionTraffic;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** How a rollout's {@code analysis.mirror} becomes router mirrors and judged traffic. */
class MirrorRoutingTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    private static RolloutSpec spec(String analysis) {
        return ShopSpecs.canary(analysis);
    }

    private RolloutState running(RolloutSpec spec) {
        return RolloutState.start("r-1", spec, clock.instant())
                .withDeployment(Role.BASELINE, new DeploymentRef("v1", "d-1", URI.create("http://127.0.0.1:9001")))
                .withDeployment(Role.CANARY, new DeploymentRef("v2", "d-2", URI.create("http://127.0.0.1:9002")));
    }

    @Test
    void theCanaryGetsTheMirroredShareWhileItIsJudgedBesideTheBaseline() {
        RolloutState s = running(spec("analysis: {mirror: 12.5}"));

        Route judged = Routes.main(s, 100, true, true);
        assertThat(judged.weightOf("v2")).isEqualTo(100);
        assertThat(judged.mirror()).isEqualTo(new Mirror("v2", 1_250));
        assertThat(Routes.main(s, 0, true, true).mirror()).as("weight 0, still judged").isEqualTo(new Mirror("v2", 1_250));
    }

    @Test
    void nothingIsMirroredOnceTheRolloutEndsOrWhenTheRouterCannotOrTheSpecDoesNotAsk() {
        RolloutState s = running(spec("analysis: {mirror: 20}"));

        assertThat(Routes.main(s, 0, false, true).mirror()).as("rolled back").isNull();
        assertThat(Routes.main(s, RolloutDecider.FULL, false, true).mirror()).as("promoted").isNull();
        assertThat(Routes.main(s, 100, true, false).mirror()).as("router cannot mirror").isNull();
        assertThat(Routes.main(running(spec("")), 100, true, true).mirror()).as("not asked").isNull();
    }

    @Test
    void theGatesJudgeServedAndMirroredRequestsOfTheNewVersionTogether() {
        RolloutState s = running(spec("analysis: {mirror: 20}"));
        FixedRouter router = new FixedRouter(new TrafficSnapshot("shop", clock.instant(),
                Map.of("v1", traffic(1_000, 5), "v2", traffic(10, 1)), Map.of("v2", traffic(200, 14))));
        TrafficWatch watch = new TrafficWatch(router, s.spec());

        TrafficWatch.Reading reading = watch.read(s, clock.instant());

        assertThat(reading.measurement().canary().requests()).isEqualTo(210);
        assertThat(reading.measurement().canary().errors()).isEqualTo(15);
        assertThat(reading.measurement().baseline().requests()).isEqualTo(1_000);
        assertThat(reading.describe(s)).contains("v2: 10 req, 10.00% err").contains("+ 200 mirrored, 7.00% err");
    }

    @Test
    void aRolloutAskingForAMirrorIsRefusedBeforeAnythingIsStoredWhenItsRouterCannotMirror() {
        InMemoryStateStore store = new InMemoryStateStore();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            RolloutService service = new RolloutService(store, "local", new NoDeployer(), new FixedRouter(null), clock,
                    executor, (state, line) -> { }, java.time.Duration.ofSeconds(1));
            assertThatThrownBy(() -> service.start(spec("analysis: {mirror: 5}")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("cannot mirror traffic")
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("analysis.mirror"));
            assertThat(store.load().documents()).isEmpty();
            assertThat(service.list()).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }

    private static VersionTraffic traffic(long requests, long errors) {
        java.time.Duration[] samples = new java.time.Duration[(int) requests];
        java.util.Arrays.fill(samples, java.time.Duration.ofMillis(1));
        return new VersionTraffic(requests, errors, LatencyHistogram.of(samples));
    }
}
