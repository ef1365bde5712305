package io.runway.jenkins.rollout;

/**
 * What a rollout that did not promote does to the build: {@code FAILURE} fails the step (and so the build,
 * unless caught), {@code UNSTABLE} marks the build unstable and returns the result, {@code NONE} only
 * returns the result.
 */
public enum OnRollback {
    FAILURE, UNSTABLE, NONE;

    /** Parses the step parameter; null means the default, FAILURE. */
    public static OnRollback parse(String text) {
        if (text == null || text.isBlank()) {
            return FAILURE;
        }
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.runway.core.error.InvalidInputException("onRollback",
                    "onRollback must be FAILURE, UNSTABLE or NONE, got '" + text + "'");
        }
    }
}
