package io.runway.core.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.spec.FingerprintSpec;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** A host may set the fingerprint after validation (e.g. who deploys): a bad artifact is still the caller's error. */
class RolloutServiceFingerprintTest {

    @Test
    void anArtifactThatIsNoPathIsRefusedAsInvalidInputBeforeAnythingIsStored() {
        RolloutSpec spec = ShopSpecs.blueGreen().withFingerprint(new FingerprintSpec("alice", null, List.of(), null, "app\0.jar"));
        InMemoryStateStore store = new InMemoryStateStore();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            RolloutService service = new RolloutService(store, "local", new NoDeployer(),
                    new FixedRouter(null), MutableClock.at("2026-11-22T10:00:00Z"), executor,
                    (state, line) -> { }, Duration.ofSeconds(1));
            assertThatThrownBy(() -> service.start(spec))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("fingerprint.artifact"));
            assertThat(store.load().documents()).isEmpty();
            assertThat(service.list()).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }
}
