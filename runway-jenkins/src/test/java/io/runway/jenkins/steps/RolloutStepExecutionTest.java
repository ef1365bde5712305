package io.runway.jenkins.steps;

import static io.runway.jenkins.steps.LeaseStepExecutionTest.deserialize;
import static io.runway.jenkins.steps.LeaseStepExecutionTest.serialize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Result;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.RolloutPhase;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.testing.FakeStepContext;
import io.runway.jenkins.testing.TestHosts;
import io.runway.jenkins.testing.TestRollouts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout, rolloutPromote and rolloutAbort steps on real local versions (small JVMs). */
class RolloutStepExecutionTest {
    @TempDir
    Path dir;
    private ScheduledExecutorService executor;
    private RunwayHost host;

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, Clock.systemUTC(), executor);
    }

    @AfterEach
    void stop() {
        if (host == null) {
            return;
        }
        host.deployer().sweep(owner -> false).orTimeout(60, TimeUnit.SECONDS).join(); // no version outlives the test
        host.close();
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private static RolloutStep inline(String onRollback) {
        RolloutStep s = new RolloutStep();
        s.setService("shop");
        s.setVersion("v2");
        s.setBaseline("v1");
        s.setDeploy(TestRollouts.deploy());
        s.setStrategy(TestRollouts.pauseAtHalf());
        s.setScaleDownDelay("0s");
        s.setOnRollback(onRollback);
        return s;
    }

    private RolloutStepExecution begin(RolloutStep step, FakeStepContext ctx) throws Exception {
        RolloutStepExecution e = (RolloutStepExecution) step.start(ctx);
        assertThat(e.start()).isFalse();
        return e;
    }

    private String awaitStarted(FakeStepContext ctx) throws Exception {
        String id = awaitLog(ctx, "Started rollout ");
        return id.substring(0, id.indexOf(':'));
    }

    /** The rest of the first log line that starts with {@code prefix}, once there is one. */
    private static String awaitLog(FakeStepContext ctx, String prefix) throws Exception {
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            while (true) {
                for (String line : ctx.record().log().split("\n")) {
                    int at = line.indexOf(prefix);
                    if (at >= 0) {
                        return line.substring(at + prefix.length());
                    }
                }
                Thread.onSpinWait();
            }
        });
        return found.get(60, TimeUnit.SECONDS);
    }

    private Object promote(String id) throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RolloutPromoteStep s = new RolloutPromoteStep();
        s.setId(id);
        assertThat(s.start(ctx).start()).isFalse();
        return ctx.awaitSuccess();
    }

    private Object abort(String id) throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RolloutAbortStep s = new RolloutAbortStep();
        s.setService("shop"); // by service: the running rollout of it
        assertThat(s.start(ctx).start()).isFalse();
        return ctx.awaitSuccess();
    }

    @Test
    void aPromotedRolloutReturnsItsResultAsAMapAndLogsItsSteps() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RolloutStepExecution e = begin(inline(null), ctx);
        String id = awaitStarted(ctx);
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        promote(id);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("id", id).containsEntry("service", "shop").containsEntry("version", "v2")
                .containsEntry("result", "PROMOTED").containsEntry("promoted", true);
        assertThat(e.rolloutId()).isEqualTo(id);
        assertThat(ctx.record().log()).contains("[runway] " + id + ": ").contains("ended PROMOTED");
        assertThat(host.rollouts().get(id).state().spec().fingerprint().deployedBy())
                .as("the build is on record as the deployer").startsWith("build:");
    }

    @Test
    void aRollbackFailsTheStepByDefault() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        begin(inline(null), ctx);
        String id = awaitStarted(ctx);
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        abort(id);

        assertThat(ctx.awaitFailure()).hasMessageContaining("rollout " + id).hasMessageContaining("ended ROLLED_BACK");
    }

    @Test
    void aRollbackCanMarkTheBuildUnstableAndStillReturnTheResult() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        begin(inline("UNSTABLE"), ctx);
        String id = awaitStarted(ctx);
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        abort(id);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("result", "ROLLED_BACK").containsEntry("promoted", false);
        assertThat(ctx.record().result).isSameAs(Result.UNSTABLE);
    }

    @Test
    void stoppingTheBuildRollsBack() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RolloutStepExecution e = begin(inline(null), ctx);
        String id = awaitStarted(ctx);
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        InterruptedException abort = new InterruptedException("aborted by user");
        e.stop(abort);

        assertThat(ctx.awaitFailure()).isSameAs(abort);
        assertThat(TestRollouts.awaitPhase(host, id, RolloutPhase.ROLLED_BACK).phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    }

    @Test
    void theRolloutIsFollowedAgainAfterAControllerRestart() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        RolloutStepExecution before = begin(inline(null), ctx);
        String id = awaitStarted(ctx);
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);
        byte[] saved = serialize(before);

        HostHolder.markShuttingDown();
        host.close(); // the versions keep running, as after a controller crash
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, Clock.systemUTC(), executor);
        assertThat(host.recover()).containsExactly(id);
        RolloutStepExecution after = (RolloutStepExecution) deserialize(saved);
        after.onResume();
        assertThat(ctx.record().log()).contains("Controller restarted; following rollout " + id + " again");

        promote(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("result", "PROMOTED");
    }

    @Test
    void theStepFollowsTheRolloutOnTheNewHostWhenRunwayReloads() throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        begin(inline(null), ctx);
        String id = awaitStarted(ctx);
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        // What saving the configuration does: the host goes, a new one resumes the rollouts, then is installed.
        HostHolder.set(null);
        host.close();
        RunwayHost next = RunwayHost.openEmbedded(dir, TestHosts.pools(TestHosts.TWO_WEB_HOSTS), Clock.systemUTC(), executor,
                io.runway.core.lease.EngineOptions.DEFAULT.withTickInterval(java.time.Duration.ZERO), java.time.Duration.ofMillis(100));
        host = next;
        assertThat(next.recover()).containsExactly(id);
        HostHolder.set(next);
        awaitLog(ctx, "Runway restarted; following rollout " + id + " again");

        promote(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("result", "PROMOTED");
    }

    @Test
    void anInvalidSpecFailsWithEveryProblemAndStartsNothing() throws Exception {
        RolloutStep s = inline(null);
        s.setVersion("not a version!");
        s.setStrategy(Map.of("canary", Map.of("steps", java.util.List.of(Map.of("setWeight", 250)))));
        FakeStepContext ctx = new FakeStepContext();
        begin(s, ctx);
        Throwable failure = ctx.awaitFailure();
        assertThat(failure).hasMessageStartingWith("Invalid rollout spec:").hasMessageContaining("rollout step:")
                .hasMessageContaining("version").hasMessageContaining("setWeight");
        assertThat(host.rollouts().list()).isEmpty();
    }

    @Test
    void specAndInlineFieldsAreExclusiveAndOneIsRequired() {
        RolloutStep both = inline(null);
        both.setSpec("rollout.yaml");
        assertThatThrownBy(() -> both.start(new FakeStepContext())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new RolloutStep().start(new FakeStepContext())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spec:");
        RolloutStep badPolicy = inline("SOMETIMES");
        assertThatThrownBy(() -> badPolicy.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("onRollback"));
    }
}
