package io.runway.core.task;

/**
 * How an attempt ended.
 *
 * @param exitCode the process exit code, or null when there was no process (e.g. nothing could be placed)
 * @param message one line for people: why it failed, or "exit 0"
 * @param outputTail the last few KB of the attempt's output, or ""
 */
public record TaskOutcome(boolean succeeded, Integer exitCode, String message, String outputTail) {
    public TaskOutcome {
        message = message == null ? "" : message;
        outputTail = outputTail == null ? "" : outputTail;
    }

    public static TaskOutcome success(String message) {
        return new TaskOutcome(true, 0, message, "");
    }

    public static TaskOutcome failure(String message) {
        return new TaskOutcome(false, null, message, "");
    }
}
