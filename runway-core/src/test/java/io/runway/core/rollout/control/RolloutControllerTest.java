package io.runway.core.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.DeploySpec;
import io.runway.core.rollout.spec.ReadinessSpec;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutControllerTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

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
