package io.runway.jenkins.lease;

/** Interrupts a lease body whose lease ended under it (expired, revoked, or the engine lost it). */
public final class LeaseLostException extends Exception {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(message);
    }
}
