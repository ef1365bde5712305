package io.runway.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.judge.Judgement;
import io.runway.core.judge.Verdict;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;
import io.runway.core.time.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutDeciderTest {
    private final MutableClock clock = MutableClock.at("2026-05-01T12:00:00Z");
    private final RolloutDecider decider = new RolloutDecider();
    private static final Observation NOTHING = new Observation(Map.of(), null);
    private static final Observation BOTH_READY = new Observation(Map.of(
            Role.BASELINE, DeployStatus.ready("d-base", URI.create("http://127.0.0.1:9001")),
            Role.CANARY, DeployStatus.ready("d-new", URI.create("http://127.0.0.1:9002"))), null);

    static RolloutSpec spec(String strategy, String extra) {
        return SpecKind.ROLLOUT.reader().read("r.yaml", """
                service: checkout
                version: v2
                baseline: v1
                deploy: {command: [app, "${port}"]}
                scaleDownDelay: 10s
                """ + strategy + extra).orThrow();
    }

    static final String CANARY = """
            strategy:
              canary:
                steps:
                  - setWeight: 1
                  - analysis: {duration: 30s}
                  - setWeight: 5
                  - pause: {duration: 20s}
                  - setWeight: 50
            """;

    private Decision decide(RolloutState s, Observation o) {
        return decider.decide(s, o, clock.instant());
    }

    private static Observation judged(Verdict v) {
        return new Observation(BOTH_READY.deploys(), Judgement.of(v, "test verdict " + v));
    }

    private RolloutState running(RolloutSpec spec) {
        RolloutState s = decide(RolloutState.start("r-1", spec, clock.instant()), NOTHING).state();
        return decide(s, BOTH_READY).state();
    }

    @Test
    void deploysBothVersionsThenStartsWithNoTrafficOnTheNewOne() {
        Decision d = decide(RolloutState.start("r-1", spec(CANARY, ""), clock.instant()), NOTHING);
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.DEPLOYING);
        assertThat(d.actions()).containsExactly(new RolloutAction.Deploy(Role.BASELINE, "v1"),
                new RolloutAction.Deploy(Role.CANARY, "v2"));

        Decision ready = decide(d.state(), BOTH_READY);
        assertThat(ready.state().phase()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(ready.actions()).contains(new RolloutAction.Route(0, true, false), new RolloutAction.RestartJudging());
        assertThat(ready.state().deployments().get(Role.CANARY).deploymentId()).isEqualTo("d-new");
    }

    @Test
    void aHealthyCanaryWalksEveryStepThenIsPromotedAndTheOldVersionTornDownAfterTheDelay() {
        RolloutState s = running(spec(CANARY, ""));
        Decision d = decide(s, judged(Verdict.CONTINUE));
        assertThat(d.actions()).contains(new RolloutAction.Route(100, true, false));
        assertThat(d.state().stepIndex()).isEqualTo(1); // holding in the analysis step

        clock.advance(Duration.ofSeconds(30));
        d = decide(d.state(), judged(Verdict.CONTINUE));
        assertThat(d.actions()).contains(new RolloutAction.Route(500, true, false));
        assertThat(d.state().stepIndex()).isEqualTo(3); // in the 20 s pause

        clock.advance(Duration.ofSeconds(20));
        d = decide(d.state(), judged(Verdict.CONTINUE));
        assertThat(d.actions()).contains(new RolloutAction.Route(5000, true, false), new RolloutAction.Route(10_000, false, false));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.PROMOTED);
        assertThat(d.state().reason()).contains("all 5 steps passed");
        assertThat(d.actions()).noneMatch(a -> a instanceof RolloutAction.Undeploy);

        clock.advance(Duration.ofSeconds(10));
        d = decide(d.state(), BOTH_READY);
        assertThat(d.actions()).containsExactly(new RolloutAction.Undeploy(Role.BASELINE, "d-base"));
        assertThat(d.state().isFinished()).isTrue();
        assertThat(decide(d.state(), BOTH_READY).actions()).isEmpty();
    }

    @Test
    void aPromoteVerdictEndsAnAnalysisStepEarly() {
        RolloutState s = decide(running(spec(CANARY, "")), judged(Verdict.CONTINUE)).state();
        Decision d = decide(s, judged(Verdict.PROMOTE));
        assertThat(d.state().stepIndex()).isEqualTo(3);
        assertThat(d.actions()).contains(new RolloutAction.RestartJudging());
    }

    @Test
    void onePromoteVerdictPassesOneAnalysisStepOnly() {
        RolloutSpec spec = spec("""
                strategy:
                  canary:
                    steps: [{setWeight: 10}, {analysis: {duration: 5m}}, {setWeight: 50}, {analysis: {duration: 10m}}]
                """, "");
        RolloutState s = decide(running(spec), judged(Verdict.CONTINUE)).state();
        Decision d = decide(s, judged(Verdict.PROMOTE));
        assertThat(d.state().stepIndex()).isEqualTo(3); // at 50%, holding in the second analysis step
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(d.actions()).contains(new RolloutAction.Route(5000, true, false));
    }

    @Test
    void versionsStoppedByARestartWhileStartingAreStartedAgain() {
        RolloutState deploying = decide(RolloutState.start("r-1", spec(CANARY, ""), clock.instant()), NOTHING).state();
        Decision d = decide(deploying, NOTHING);
        assertThat(d.actions()).containsExactly(new RolloutAction.Deploy(Role.BASELINE, "v1"),
                new RolloutAction.Deploy(Role.CANARY, "v2"));
        Decision none = decide(deploying, new Observation(Map.of(Role.BASELINE, DeployStatus.starting(),
                Role.CANARY, DeployStatus.starting()), null));
        assertThat(none.actions()).isEmpty();
    }

    @Test
    void aFailingGateRollsBackAtOnceAndTearsTheNewVersionDown() {
        RolloutState s = decide(running(spec(CANARY, "")), judged(Verdict.CONTINUE)).state();
        Decision d = decide(s, new Observation(BOTH_READY.deploys(),
                Judgement.of(Verdict.ROLLBACK, "canary error rate 4.00% vs baseline 0.50%")));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        assertThat(d.state().reason()).contains("canary error rate 4.00%");
        assertThat(d.actions()).containsExactly(new RolloutAction.Route(0, false, false),
                new RolloutAction.Undeploy(Role.CANARY, "d-new"));
        assertThat(d.state().verdicts()).extracting(VerdictEntry::verdict).containsExactly(Verdict.CONTINUE, Verdict.ROLLBACK);
        assertThat(d.state().isFinished()).isTrue();
    }

    @Test
    void aNewVersionThatNeverBecomesReadyIsRolledBack() {
        RolloutState s = decide(RolloutState.start("r-1", spec(CANARY, ""), clock.instant()), NOTHING).state();
        Decision d = decide(s, new Observation(Map.of(Role.BASELINE, BOTH_READY.of(Role.BASELINE),
                Role.CANARY, DeployStatus.failed("not ready within 60s; last log: boom")), null));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        assertThat(d.state().reason()).contains("did not become ready").contains("boom");
        assertThat(d.actions()).containsExactly(new RolloutAction.Route(0, false, false));
    }

    @Test
    void aNewVersionThatCrashesMidStepIsRolledBack() {
        RolloutState s = decide(running(spec(CANARY, "")), judged(Verdict.CONTINUE)).state();
        Decision d = decide(s, new Observation(Map.of(Role.BASELINE, BOTH_READY.of(Role.BASELINE),
                Role.CANARY, DeployStatus.exited("d-new", "exit code 137")), null));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        assertThat(d.state().reason()).contains("stopped: exit code 137");
    }

    @Test
    void aBaselineThatStopsFailsTheRollout() {
        RolloutState s = running(spec(CANARY, ""));
        Decision d = decide(s, new Observation(Map.of(Role.CANARY, BOTH_READY.of(Role.CANARY),
                Role.BASELINE, DeployStatus.exited("d-base", "killed")), null));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.FAILED);
        // Traffic never stays on the dead version: the new one, still serving, takes it all and is kept.
        assertThat(d.actions()).containsExactly(new RolloutAction.Route(10_000, false, false));
        assertThat(d.state().isFinished()).isTrue();
        assertThat(d.state().reason()).contains("all traffic moved to v2");
    }

    @Test
    void anIndefinitePauseWaitsForPromote() {
        RolloutSpec spec = spec("""
                strategy: {canary: {steps: [{setWeight: 10}, {pause: {}}, {setWeight: 50}]}}
                """, "");
        RolloutState s = decide(running(spec), judged(Verdict.CONTINUE)).state();
        assertThat(s.phase()).isEqualTo(RolloutPhase.PAUSED);
        clock.advance(Duration.ofHours(5));
        assertThat(decide(s, judged(Verdict.CONTINUE)).state().phase()).isEqualTo(RolloutPhase.PAUSED);

        Decision d = decide(s.withCommands(s.commands().promote("alice", clock.instant())), judged(Verdict.CONTINUE));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.PROMOTED);
        assertThat(d.state().reason()).contains("promoted by alice");
    }

    @Test
    void aPausedRolloutStillRollsBackOnAFailingGate() {
        RolloutSpec spec = spec("strategy: {canary: {steps: [{setWeight: 10}, {pause: {}}]}}\n", "");
        RolloutState s = decide(running(spec), judged(Verdict.CONTINUE)).state();
        assertThat(decide(s, judged(Verdict.ROLLBACK)).state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    }

    @Test
    void abortIsIdempotentAndWorksAtAnyTime() {
        RolloutState s = decide(RolloutState.start("r-1", spec(CANARY, ""), clock.instant()), NOTHING).state();
        s = s.withCommands(s.commands().abort("bob", clock.instant()).abort("carol", clock.instant()));
        Decision d = decide(s, BOTH_READY);
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        assertThat(d.state().reason()).isEqualTo("aborted by bob");
        assertThat(decide(d.state(), BOTH_READY).actions()).isEmpty();
    }

    @Test
    void tooLittleDataPausesOrRollsBackAsTheSpecSays() {
        RolloutState s = decide(running(spec(CANARY, "")), judged(Verdict.WAIT)).state();
        clock.advance(Duration.ofSeconds(30));
        Decision paused = decide(s, judged(Verdict.WAIT));
        assertThat(paused.state().phase()).isEqualTo(RolloutPhase.PAUSED);
        assertThat(paused.state().reason()).contains("too little data");

        RolloutState strict = decide(running(spec(CANARY, "onInconclusive: rollback\n")), judged(Verdict.WAIT)).state();
        clock.advance(Duration.ofSeconds(30));
        assertThat(decide(strict, judged(Verdict.WAIT)).state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);

        assertThat(decide(s, judged(Verdict.INCONCLUSIVE)).state().phase()).isEqualTo(RolloutPhase.PAUSED);
    }

    @Test
    void blueGreenPreviewsThenSwitchesAndKeepsBlueForAFastRollback() {
        RolloutSpec spec = spec("strategy: {blueGreen: {previewAnalysis: 20s}}\n", "");
        RolloutState s = decide(RolloutState.start("r-1", spec, clock.instant()), NOTHING).state();
        Decision d = decide(s, BOTH_READY);
        assertThat(d.actions()).contains(new RolloutAction.Route(0, false, true));

        d = decide(d.state(), judged(Verdict.CONTINUE));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.PROGRESSING);
        clock.advance(Duration.ofSeconds(20));
        d = decide(d.state(), judged(Verdict.CONTINUE));
        assertThat(d.state().phase()).isEqualTo(RolloutPhase.PROMOTED);
        assertThat(d.actions()).contains(new RolloutAction.Route(10_000, false, false));

        clock.advance(Duration.ofSeconds(5));
        RolloutState promoted = d.state();
        Decision reverted = decide(promoted.withCommands(promoted.commands().abort("alice", clock.instant())), BOTH_READY);
        assertThat(reverted.state().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        assertThat(reverted.state().reason()).contains("fast-rollback window");
        assertThat(reverted.actions()).containsExactly(new RolloutAction.Route(0, false, false),
                new RolloutAction.Undeploy(Role.CANARY, "d-new"));
    }

    @Test
    void blueGreenWithoutAutoPromoteWaitsForAPerson() {
        RolloutSpec spec = spec("strategy: {blueGreen: {previewAnalysis: 5s, autoPromote: false}}\n", "");
        RolloutState s = running(spec);
        clock.advance(Duration.ofSeconds(5));
        assertThat(decide(s, judged(Verdict.CONTINUE)).state().phase()).isEqualTo(RolloutPhase.PAUSED);
    }

    @Test
    void decidingIsPure() {
        RolloutState s = running(spec(CANARY, ""));
        assertThat(decide(s, judged(Verdict.CONTINUE))).isEqualTo(decide(s, judged(Verdict.CONTINUE)));
        assertThat(List.of(s.phase())).containsExactly(RolloutPhase.PROGRESSING);
    }
}
