package io.runway.core.rollout;

import io.runway.core.rollout.spec.RolloutSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything durable about one rollout. Immutable: every change makes a new value, which the controller
 * stores before it acts on it (intent before side effect).
 *
 * @param stepIndex the canary step being run (steps.size() once all are done)
 * @param canaryWeightBp the new version's share of the main route, in basis points (10,000 = 100%)
 * @param deployments the running versions this rollout started, by role
 * @param reason why the rollout is where it is (paused, rolled back, failed, promoted), for people
 * @param teardownAt when the losing version is stopped; null until the rollout has ended
 */
public record RolloutState(
        String id,
        RolloutSpec spec,
        RolloutPhase phase,
        int stepIndex,
        Instant stepStartedAt,
        int canaryWeightBp,
        Map<Role, DeploymentRef> deployments,
        List<VerdictEntry> verdicts,
        Commands commands,
        String reason,
        Instant createdAt,
        Instant endedAt,
        Instant teardownAt,
        boolean tornDown) {

    /** Most verdicts kept per rollout: the latest ones tell the story; older ones are summarized away. */
    static final int MAX_VERDICTS = 200;

    public RolloutState {
        deployments = deployments.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(deployments));
        verdicts = List.copyOf(verdicts);
        commands = commands == null ? Commands.NONE : commands;
    }

    public static RolloutState start(String id, RolloutSpec spec, Instant now) {
        return new RolloutState(id, spec, RolloutPhase.PENDING, 0, now, 0, Map.of(), List.of(), Commands.NONE,
                "created", now, null, null, false);
    }

    public RolloutState withPhase(RolloutPhase next, String why) {
        return new RolloutState(id, spec, next, stepIndex, stepStartedAt, canaryWeightBp, deployments, verdicts,
                commands, why, createdAt, endedAt, teardownAt, tornDown);
    }

    public RolloutState atStep(int index, Instant startedAt) {
        return new RolloutState(id, spec, phase, index, startedAt, canaryWeightBp, deployments, verdicts, commands,
                reason, createdAt, endedAt, teardownAt, tornDown);
    }

    public RolloutState withWeight(int bp) {
        return new RolloutState(id, spec, phase, stepIndex, stepStartedAt, bp, deployments, verdicts, commands,
                reason, createdAt, endedAt, teardownAt, tornDown);
    }

    public RolloutState withDeployment(Role role, DeploymentRef ref) {
        Map<Role, DeploymentRef> next = new EnumMap<>(Role.class);
        next.putAll(deployments);
        if (ref == null) {
            next.remove(role);
        } else {
            next.put(role, ref);
        }
        return new RolloutState(id, spec, phase, stepIndex, stepStartedAt, canaryWeightBp, next, verdicts, commands,
                reason, createdAt, endedAt, teardownAt, tornDown);
    }

    public RolloutState withVerdict(VerdictEntry entry) {
        List<VerdictEntry> next = new ArrayList<>(verdicts);
        next.add(entry);
        if (next.size() > MAX_VERDICTS) {
            next = next.subList(next.size() - MAX_VERDICTS, next.size());
        }
        return new RolloutState(id, spec, phase, stepIndex, stepStartedAt, canaryWeightBp, deployments, next, commands,
                reason, createdAt, endedAt, teardownAt, tornDown);
    }

    public RolloutState withCommands(Commands next) {
        return new RolloutState(id, spec, phase, stepIndex, stepStartedAt, canaryWeightBp, deployments, verdicts, next,
                reason, createdAt, endedAt, teardownAt, tornDown);
    }

    /** Ends the rollout: the loser is stopped at {@code teardownAt}. */
    public RolloutState ended(RolloutPhase result, String why, Instant now, Instant teardown) {
        return new RolloutState(id, spec, result, stepIndex, stepStartedAt, canaryWeightBp, deployments, verdicts,
                commands, why, createdAt, now, teardown, false);
    }

    public RolloutState withTornDown() {
        return new RolloutState(id, spec, phase, stepIndex, stepStartedAt, canaryWeightBp, deployments, verdicts,
                commands, reason, createdAt, endedAt, teardownAt, true);
    }

    /** Done: ended and nothing left running that should not be. */
    public boolean isFinished() {
        return phase.isTerminal() && tornDown;
    }

    /** The version that lost (stopped at teardown), by the result. */
    public Role loser() {
        return phase.isSuccessful() ? Role.BASELINE : Role.CANARY;
    }
}
