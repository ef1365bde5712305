package io.runway.core.rollout;

/** Side effects a decision asks for; the controller applies them after the new state is durable. */
public sealed interface RolloutAction {
    /** Start {@code version} in {@code role}. */
    record Deploy(Role role, String version) implements RolloutAction {}

    /**
     * Route the service: the canary gets {@code canaryWeightBp} basis points (0–10,000) of the main route,
     * plus the spec's cohorts while {@code cohorts}; the preview route (blue-green) sends everything to
     * the canary while {@code preview}.
     */
    record Route(int canaryWeightBp, boolean cohorts, boolean preview) implements RolloutAction {}

    /** Stop a role's deployment (teardown). */
    record Undeploy(Role role, String deploymentId) implements RolloutAction {}

    /** Start judging afresh from now (a new analysis period). */
    record RestartJudging() implements RolloutAction {}
}
