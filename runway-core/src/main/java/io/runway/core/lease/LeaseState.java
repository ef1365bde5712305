package io.runway.core.lease;

/** Lease lifecycle: {@code WAITING → ACTIVE → RELEASED | EXPIRED | REVOKED}; {@code WAITING → TIMED_OUT | CANCELLED}. */
public enum LeaseState {
    WAITING(false, false),
    ACTIVE(false, true),
    RELEASED(true, true),
    EXPIRED(true, true),
    REVOKED(true, true),
    TIMED_OUT(true, false),
    CANCELLED(true, false);

    private final boolean terminal;
    private final boolean wasGranted;

    LeaseState(boolean terminal, boolean wasGranted) {
        this.terminal = terminal;
        this.wasGranted = wasGranted;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Whether a lease in this state held resources at some point (and so is durable). */
    public boolean wasGranted() {
        return wasGranted;
    }
}
