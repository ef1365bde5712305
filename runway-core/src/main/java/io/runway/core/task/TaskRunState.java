package io.runway.core.task;

/**
 * Lifecycle of one task in one graph run: {@code QUEUED → PLACED → RUNNING → SUCCEEDED | FAILED |
 * TIMED_OUT}, or straight from QUEUED to {@code SKIPPED | UPSTREAM_FAILED} when its trigger rule says so.
 * A failed attempt with retries left goes back to QUEUED (waiting out its backoff).
 */
public enum TaskRunState {
    QUEUED(false, false),
    /** Handed to the launcher (placement); the intent is stored before the launch. */
    PLACED(false, false),
    RUNNING(false, false),
    SUCCEEDED(true, false),
    FAILED(true, true),
    /** Stopped at its timeout (last attempt) or deadline. */
    TIMED_OUT(true, true),
    /** Not run: its trigger rule cannot be met without a failure upstream (e.g. an upstream was skipped). */
    SKIPPED(true, false),
    /** Not run: an upstream task failed. */
    UPSTREAM_FAILED(true, true);

    private final boolean terminal;
    private final boolean failure;

    TaskRunState(boolean terminal, boolean failure) {
        this.terminal = terminal;
        this.failure = failure;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** FAILED, TIMED_OUT or UPSTREAM_FAILED: what trigger rules count as "failed". */
    public boolean isFailure() {
        return failure;
    }

    /** Handed to a launcher and not ended: PLACED or RUNNING. */
    public boolean isLaunched() {
        return this == PLACED || this == RUNNING;
    }
}
