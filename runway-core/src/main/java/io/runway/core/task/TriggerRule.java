package io.runway.core.task;

import java.util.Arrays;

/**
 * When a task with dependencies may start, given its upstream tasks' end states (Airflow's rules).
 * "Failed" means FAILED, TIMED_OUT or UPSTREAM_FAILED.
 */
public enum TriggerRule {
    /** Every upstream SUCCEEDED. An upstream failure makes this task UPSTREAM_FAILED; an upstream skip makes it SKIPPED. */
    ALL_SUCCESS("allSuccess"),
    /** Every upstream ended, however. */
    ALL_DONE("allDone"),
    /** Every upstream ended and none failed (skipped is fine); otherwise UPSTREAM_FAILED. */
    NONE_FAILED("noneFailed"),
    /** At least one upstream failed (starts as soon as one does); SKIPPED when all ended without a failure. */
    ONE_FAILED("oneFailed");

    private final String specName;

    TriggerRule(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static TriggerRule fromSpec(String name) {
        return Arrays.stream(values()).filter(p -> p.specName.equals(name)).findFirst().orElse(null);
    }
}
