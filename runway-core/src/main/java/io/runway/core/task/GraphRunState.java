package io.runway.core.task;

/**
 * Lifecycle of one graph run: {@code QUEUED} (waiting for a free slot under maxActiveRuns) {@code →
 * RUNNING → SUCCEEDED | FAILED}; {@code SKIPPED} when prohibitOverlap refused the instant.
 */
public enum GraphRunState {
    QUEUED(false),
    RUNNING(false),
    SUCCEEDED(true),
    /** At least one task ended FAILED, TIMED_OUT or UPSTREAM_FAILED. */
    FAILED(true),
    SKIPPED(true);

    private final boolean terminal;

    GraphRunState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
