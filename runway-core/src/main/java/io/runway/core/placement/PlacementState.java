package io.runway.core.placement;

/** Where a placement is: {@code QUEUED → (WAITING_FOR_CAPACITY | BLOCKED)* → PLACED | FAILED}. */
public enum PlacementState {
    /** Handed to the lease engine; not yet judged by a scaling round. */
    QUEUED(false),
    /** Nothing free yet, but resources it accepts are being provisioned (or promised to it). */
    WAITING_FOR_CAPACITY(false),
    /** Nothing free, provisioning or provisionable can serve it; it wakes when capacity changes. See the reason. */
    BLOCKED(false),
    /** Its lease was granted. */
    PLACED(true),
    /** It will not be placed: deadline passed, refused, or the engine closed. See the reason. */
    FAILED(true);

    private final boolean terminal;

    PlacementState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
