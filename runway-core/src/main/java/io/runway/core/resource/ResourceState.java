package io.runway.core.resource;

/** Resource lifecycle: {@code PROVISIONING → FREE → LEASED → DIRTY → CLEANING → FREE}, and {@code RETIRED}. */
public enum ResourceState {
    PROVISIONING(false, false),
    FREE(false, true),
    LEASED(false, false),
    DIRTY(false, false),
    CLEANING(false, false),
    RETIRED(true, false);

    private final boolean terminal;
    private final boolean grantable;

    ResourceState(boolean terminal, boolean grantable) {
        this.terminal = terminal;
        this.grantable = grantable;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Whether a lease may be granted on a resource in this state. */
    public boolean isGrantable() {
        return grantable;
    }
}
