package io.runway.core.task;

import java.util.Arrays;

/** What to do with schedule instants that passed while runway was not running. */
public enum MissedRunPolicy {
    /** Forget them; the next run is the next instant. */
    SKIP("skip"),
    /** Run the latest missed instant once. */
    RUN_ONCE("runOnce"),
    /** Run each missed instant in order, at most {@code catchUpLimit} (the latest ones). */
    CATCH_UP("catchUp");

    private final String specName;

    MissedRunPolicy(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    /** The policy of that spec name, or null. */
    public static MissedRunPolicy fromSpec(String name) {
        return Arrays.stream(values()).filter(p -> p.specName.equals(name)).findFirst().orElse(null);
    }
}
