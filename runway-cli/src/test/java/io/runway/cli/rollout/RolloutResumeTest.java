package io.runway.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.cli.CliRun;
import io.runway.cli.ExitCodes;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runway rollout -f} on a state directory that holds an unfinished local rollout of the same service
 * (the previous {@code runway rollout} was killed): the stored rollout is followed to its end, not refused.
 */
class RolloutResumeTest {
    @TempDir
    Path dir;

    /** A timed pause: the resumed rollout goes on to its promotion without anyone acting. */
    private static String spec() {
        return io.runway.cli.demo.DemoSpecs.yaml("shop", "", """
                strategy:
                  canary:
                    steps: [{setWeight: 5}, {pause: {duration: 3s}}]
                analysis: {interval: 1s}
                scaleDownDelay: 1s
                """);
    }

    @Test
    void anUnfinishedRolloutOfTheServiceIsResumedAndFollowedInsteadOfStartingTheSpec() throws Exception {
        Path specFile = dir.resolve("rollout.yaml");
        Files.writeString(specFile, spec());
        Path state = dir.resolve("state");
        String id = leaveUnfinishedRollout(state);

        CliRun run = CliRun.of("rollout", "-f", specFile.toString(), "--state-dir", state.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).contains("resuming unfinished rollout " + id + " of shop v2 (not starting " + specFile + ")");
        assertThat(run.out()).contains("result: PROMOTED");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aResumedRolloutOfAnotherVersionDoesNotAnswerForTheSpec() throws Exception {
        Path specFile = dir.resolve("v3.yaml");
        Files.writeString(specFile, spec().replace("version: v2", "version: v3").replace("    v2: {args:", "    v3: {args:"));
        Path state = dir.resolve("state");
        String id = leaveUnfinishedRollout(state);

        CliRun run = CliRun.of("rollout", "-f", specFile.toString(), "--state-dir", state.toString());

        assertThat(run.out()).contains("result: PROMOTED");
        assertThat(run.outLines()).contains(specFile + " was not started: the resumed rollout " + id
                + " deployed v2 over v1, not v3 over v1; run the command again");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    }

    /**
     * What a killed {@code runway rollout} leaves: a stored rollout in its pause step, its versions still
     * running (a host on a store it does not own leaves them, as a crash would).
     */
    private String leaveUnfinishedRollout(Path state) {
        try (EmbeddedStateStore store = EmbeddedStateStore.open(state.resolve("store"))) {
            LocalRolloutHost first = LocalRolloutHost.onStore(store, state, (s, l) -> { }, Duration.ofMillis(50));
            first.router().listen("shop", 0);
            RolloutController rollout = first.rollouts().start(SpecKind.ROLLOUT.reader().read("rollout.yaml", spec()).orThrow());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rollout.state().stepIndex() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(rollout.state().stepIndex()).isEqualTo(1);
            assertThat(rollout.state().isFinished()).isFalse();
            first.close();
            return rollout.state().id();
        }
    }
}
