package io.runway.core.judge;

/**
 * What a {@link Judge} concludes about a rollout step after one measurement.
 *
 * <p>Only PROMOTE and ROLLBACK end a gate; INCONCLUSIVE also ends the judging but hands the step to a
 * human (pause), because "no data" or "not enough evidence" is never treated as healthy.
 */
public enum Verdict {
    /** Healthy so far: keep the step running and measure again. */
    CONTINUE(false, false),
    /** Not enough data yet to judge (too few requests, or the measurement failed). */
    WAIT(false, false),
    /** Confidently healthy, or healthy for as long as the gate asks: the step may advance. */
    PROMOTE(true, true),
    /** The canary is worse than allowed: route its traffic back to the baseline. */
    ROLLBACK(true, false),
    /** The gate's time ran out without enough data or evidence: pause for a human. */
    INCONCLUSIVE(true, false);

    private final boolean terminal;
    private final boolean successful;

    Verdict(boolean terminal, boolean successful) {
        this.terminal = terminal;
        this.successful = successful;
    }

    /** Whether the gate is decided; no further measurement changes it. */
    public boolean isTerminal() {
        return terminal;
    }

    /** Whether the rollout may advance past this gate. */
    public boolean isSuccessful() {
        return successful;
    }
}
