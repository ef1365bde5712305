package io.runway.core.rollout;

/**
 * Rollout lifecycle: {@code PENDING → DEPLOYING → PROGRESSING(step i) ⇄ PAUSED → PROMOTED | ROLLED_BACK |
 * FAILED}, then teardown of the losing version. A PROMOTED rollout can still be reverted while the old
 * version is kept for the fast-rollback window ({@code scaleDownDelay}).
 */
public enum RolloutPhase {
    PENDING(false, false),
    DEPLOYING(false, false),
    PROGRESSING(false, false),
    PAUSED(false, false),
    PROMOTED(true, true),
    ROLLED_BACK(true, false),
    FAILED(true, false);

    private final boolean terminal;
    private final boolean successful;

    RolloutPhase(boolean terminal, boolean successful) {
        this.terminal = terminal;
        this.successful = successful;
    }

    public boolean isTerminal() {
        return terminal;
    }

    public boolean isSuccessful() {
        return successful;
    }
}
