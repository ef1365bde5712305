package io.runway.core.rollout;

import io.runway.core.judge.Judgement;
import io.runway.core.judge.Verdict;
import io.runway.core.rollout.DeployStatus.State;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a rollout does next from its durable state and what was observed. Pure: no I/O, no clock
 * (time comes in), so every path is tested on a mutable clock and a crash-restarted controller simply
 * decides again from the stored state. Strategy steps live in {@link CanarySteps} and {@link BlueGreenSteps}.
 */
public final class RolloutDecider {
    public static final int FULL = 10_000;

    /** One decision in the making: the evolving state and what it asks for. */
    static final class Draft {
        RolloutState state;
        final Instant now;
        final List<RolloutAction> actions = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Draft(RolloutState state, Instant now) {
            this.state = state;
            this.now = now;
        }

        void route(int canaryBp, boolean cohorts, boolean preview) {
            state = state.withWeight(canaryBp);
            actions.add(new RolloutAction.Route(canaryBp, cohorts, preview));
        }

        void note(String line) {
            notes.add(line);
        }

        Decision done() {
            return new Decision(state, actions, notes);
        }
    }

    public Decision decide(RolloutState state, Observation seen, Instant now) {
        Draft d = new Draft(remember(state, seen), now);
        if (state.phase().isTerminal()) {
            teardown(d);
            return d.done();
        }
        if (state.commands().abortBy() != null) {
            rollBack(d, "aborted by " + state.commands().abortBy());
            return d.done();
        }
        switch (state.phase()) {
            case PENDING -> deploy(d, seen);
            case DEPLOYING -> awaitReady(d, seen);
            case PROGRESSING, PAUSED -> progress(d, seen);
            default -> throw new IllegalStateException("unexpected phase " + state.phase());
        }
        return d.done();
    }

    /** Keeps the id and endpoint of every version that became ready, so teardown can find it later. */
    private static RolloutState remember(RolloutState state, Observation seen) {
        RolloutState out = state;
        for (Role role : Role.values()) {
            DeployStatus status = seen.of(role);
            if (status.state() == State.READY && !state.deployments().containsKey(role)) {
                String version = role == Role.CANARY ? state.spec().version() : state.spec().baseline();
                out = out.withDeployment(role, new DeploymentRef(version, status.deploymentId(), status.endpoint()));
            }
        }
        return out;
    }

    private static void deploy(Draft d, Observation seen) {
        if (seen.of(Role.BASELINE).state() == State.ABSENT) {
            d.actions.add(new RolloutAction.Deploy(Role.BASELINE, d.state.spec().baseline()));
        }
        d.actions.add(new RolloutAction.Deploy(Role.CANARY, d.state.spec().version()));
        d.state = d.state.withPhase(RolloutPhase.DEPLOYING, "starting " + d.state.spec().version());
        d.note("deploying " + d.state.spec().service() + " " + d.state.spec().version() + " beside "
                + d.state.spec().baseline());
    }

    private static void awaitReady(Draft d, Observation seen) {
        DeployStatus baseline = seen.of(Role.BASELINE);
        DeployStatus canary = seen.of(Role.CANARY);
        if (baseline.state() == State.FAILED || baseline.state() == State.EXITED) {
            fail(d, "baseline " + d.state.spec().baseline() + " is not running: " + baseline.reason());
            return;
        }
        if (canary.state() == State.FAILED || canary.state() == State.EXITED) {
            rollBack(d, "new version " + d.state.spec().version() + " did not become ready: " + canary.reason());
            return;
        }
        if (baseline.state() != State.READY || canary.state() != State.READY) {
            // A restart stops versions that were still starting; start them again.
            if (baseline.state() == State.ABSENT) {
                d.actions.add(new RolloutAction.Deploy(Role.BASELINE, d.state.spec().baseline()));
            }
            if (canary.state() == State.ABSENT) {
                d.actions.add(new RolloutAction.Deploy(Role.CANARY, d.state.spec().version()));
            }
            return;
        }
        d.state = d.state.withPhase(RolloutPhase.PROGRESSING, "both versions ready").atStep(0, d.now);
        d.actions.add(new RolloutAction.RestartJudging());
        d.note("both versions ready");
        if (d.state.spec().strategy().blueGreen() != null) {
            BlueGreenSteps.begin(d);
        } else {
            d.route(0, true, false);
        }
    }

    private static void progress(Draft d, Observation seen) {
        DeployStatus canary = seen.of(Role.CANARY);
        DeployStatus baseline = seen.of(Role.BASELINE);
        if (canary.state() == State.EXITED || canary.state() == State.FAILED) {
            rollBack(d, "new version " + d.state.spec().version() + " stopped: " + canary.reason());
            return;
        }
        if (baseline.state() == State.EXITED || baseline.state() == State.FAILED) {
            baselineLost(d, baseline.reason());
            return;
        }
        if (d.state.commands().promoteBy() != null) {
            promote(d, "promoted by " + d.state.commands().promoteBy() + " (remaining steps skipped)");
            return;
        }
        Judgement judgement = seen.judgement();
        if (judgement != null && judge(d, judgement)) {
            return;
        }
        if (d.state.phase() == RolloutPhase.PAUSED) {
            return;
        }
        if (d.state.spec().strategy().blueGreen() != null) {
            BlueGreenSteps.run(d, judgement);
        } else {
            CanarySteps.run(d, judgement);
        }
    }

    /** Acts on a gate's verdict; returns true when the rollout ended or paused because of it. */
    private static boolean judge(Draft d, Judgement j) {
        List<VerdictEntry> log = d.state.verdicts();
        Verdict last = log.isEmpty() ? null : log.get(log.size() - 1).verdict();
        if (j.verdict() != last || j.verdict().isTerminal()) {
            d.state = d.state.withVerdict(new VerdictEntry(d.now, d.state.stepIndex(), d.state.canaryWeightBp(),
                    j.verdict(), j.reason()));
        }
        switch (j.verdict()) {
            case ROLLBACK -> {
                rollBack(d, "gate failed: " + j.reason());
                return true;
            }
            case INCONCLUSIVE -> {
                return inconclusive(d, j.reason());
            }
            case PROMOTE -> d.actions.add(new RolloutAction.RestartJudging()); // proven so far; keep watching
            default -> { }
        }
        return false;
    }

    /** Not enough data to judge: pause for a person, or roll back, as the spec says. */
    static boolean inconclusive(Draft d, String why) {
        if ("rollback".equals(d.state.spec().onInconclusive())) {
            rollBack(d, "inconclusive: " + why);
        } else {
            d.state = d.state.withPhase(RolloutPhase.PAUSED, "inconclusive, paused for a person: " + why);
            d.actions.add(new RolloutAction.RestartJudging());
            d.note("paused: " + why);
        }
        return true;
    }

    static void promote(Draft d, String why) {
        d.route(FULL, false, false);
        Duration delay = d.state.spec().scaleDownDelay();
        d.state = d.state.ended(RolloutPhase.PROMOTED, why, d.now, d.now.plus(delay));
        d.note("PROMOTED: " + why + "; " + d.state.spec().baseline() + " is kept " + delay + " for a fast rollback");
    }

    static void rollBack(Draft d, String why) {
        d.route(0, false, false);
        d.state = d.state.ended(RolloutPhase.ROLLED_BACK, why, d.now, d.now);
        d.note("ROLLED BACK: " + why);
        teardown(d);
    }

    /** The baseline never started: nothing was routed yet, so stop the new version too. */
    private static void fail(Draft d, String why) {
        d.state = d.state.ended(RolloutPhase.FAILED, why, d.now, d.now);
        d.note("FAILED: " + why);
        teardown(d);
    }

    /**
     * The baseline died under the rollout: traffic must not stay on a dead version, and the new version is
     * the only one still serving, so it takes all traffic and is kept; the rollout FAILED and a person
     * decides what comes next. Nothing is torn down.
     */
    private static void baselineLost(Draft d, String why) {
        d.route(FULL, false, false);
        d.state = d.state.ended(RolloutPhase.FAILED, "baseline " + d.state.spec().baseline() + " stopped (" + why
                + "); all traffic moved to " + d.state.spec().version() + ", the only version still serving", d.now, d.now)
                .withTornDown();
        d.note("FAILED: " + d.state.reason());
    }

    /** After the end: revert within the fast-rollback window if asked, else stop the loser when due. */
    private static void teardown(Draft d) {
        RolloutState s = d.state;
        if (s.tornDown()) {
            return;
        }
        if (s.phase() == RolloutPhase.PROMOTED && s.commands().abortBy() != null && d.now.isBefore(s.teardownAt())) {
            rollBack(d, "reverted by " + s.commands().abortBy() + " within the fast-rollback window");
            return;
        }
        if (d.now.isBefore(s.teardownAt())) {
            return;
        }
        DeploymentRef loser = s.deployments().get(s.loser());
        if (loser != null) {
            d.actions.add(new RolloutAction.Undeploy(s.loser(), loser.deploymentId()));
            d.note("tearing down " + loser.version());
        }
        d.state = d.state.withTornDown();
    }

    static int basisPoints(BigDecimal percent) {
        return percent.movePointRight(2).intValueExact();
    }
}
