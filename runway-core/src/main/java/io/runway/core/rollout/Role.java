package io.runway.core.rollout;

/** The two versions of a rollout: the one serving now (blue) and the new one (green, the canary). */
public enum Role {
    BASELINE,
    CANARY
}
