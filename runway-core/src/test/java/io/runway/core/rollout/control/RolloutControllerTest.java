package io.runway.core.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.rollout.DeploymentRef;
import io.runway.core.rollout.Role;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.CanarySpec;
import io.runway.core.rollout.spec.CohortSpec;
import io.runway.core.rollout.spec.DeploySpec;
import io.runway.core.rollout.spec.ReadinessSpec;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.rollout.spec.StrategySpec;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class RolloutControllerTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    @Test
    void aStoredRolloutThatCannotBeResumedIsLeftAsStoredAndTheOthersStillResume() {
        RolloutSpec valid = ShopSpecs.canary("""
                stickiness: {header: X-User}
                """);
        CanarySpec canary = valid.strategy().canary();
        // What an older runway validated and stored: a Java lookahead, which RE2 refuses.
        CanarySpec javaOnly = new CanarySpec(canary.steps(), List.of(new CohortSpec("X-Team", null, null, "(?!internal).*")));
        RolloutSpec stored = new RolloutSpec(valid.service(), valid.version(), valid.baseline(), valid.provider(),
                valid.deploy(), new StrategySpec(javaOnly, null), valid.stickiness(), valid.analysis(), valid.onInconclusive(),
                valid.scaleDownDelay(), valid.onRestart(), valid.fingerprint(), valid.aws());
        InMemoryStateStore store = new InMemoryStateStore();
        RolloutState old = RolloutState.start("r-1", stored, clock.instant()).withPhase(RolloutPhase.PROGRESSING, "step 1")
                .withDeployment(Role.BASELINE, new DeploymentRef("v1", "d-1", URI.create("http://127.0.0.1:1")))
                .withDeployment(Role.CANARY, new DeploymentRef("v2", "d-2", URI.create("http://127.0.0.1:2")))
                .withWeight(100);
        store.commit(StoreBatch.ofDocuments(List.of(RolloutDocuments.write(old, 1)))).join();
        RolloutState other = RolloutState.start("r-2", ShopSpecs.read("""
                service: cart
                version: v2
                baseline: v1
                deploy: {command: [app, "${port}"]}
                strategy: {canary: {steps: [{setWeight: 1}]}}
                """), clock.instant());
        store.commit(StoreBatch.ofDocuments(List.of(RolloutDocuments.write(other, 1)))).join();
        List<String> progress = new ArrayList<>();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            RolloutService service = new RolloutService(store, "local", new NoDeployer(), new FixedRouter(null), clock,
                    executor, (state, line) -> progress.add(state.id() + " " + line), Duration.ofHours(1));

            List<RolloutController> resumed = service.recover();

            assertThat(resumed).extracting(c -> c.state().id()).containsExactly("r-2");
            assertThat(progress).anyMatch(line -> line.startsWith("r-1 not resumed: ") && line.contains("X-Team"));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aStoredSpecWhoseVersionsCannotBeStartedFailsOnceInsteadOfRetryingEveryTick() {
        RolloutSpec valid = ShopSpecs.canary("");
        // What an older runway validated and stored: a readiness interval the deployer refuses (over 1 minute).
        DeploySpec deploy = new DeploySpec(valid.deploy().command(), valid.deploy().env(), valid.deploy().versions(),
                new ReadinessSpec("/health", Duration.ofMinutes(10), Duration.ofMinutes(5)));
        RolloutSpec stored = new RolloutSpec(valid.service(), valid.version(), valid.baseline(), valid.provider(), deploy,
                valid.strategy(), valid.stickiness(), valid.analysis(), valid.onInconclusive(), valid.scaleDownDelay(),
                valid.onRestart(), valid.fingerprint(), valid.aws());
        List<String> progress = new ArrayList<>();
        RolloutController controller = RolloutController.create(RolloutState.start("r-1", stored, clock.instant()),
                new InMemoryStateStore(), new NoDeployer(), new FixedRouter(null), clock, (state, line) -> progress.add(line));

        for (int i = 0; i < 5 && !controller.state().isFinished(); i++) {
            controller.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(controller.state().phase()).isEqualTo(RolloutPhase.FAILED);
        assertThat(controller.state().reason()).contains("cannot start v1: readiness.interval");
        assertThat(progress).noneMatch(line -> line.contains("will retry"));
    }
}
