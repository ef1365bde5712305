package io.runway.core.task;

/**
 * Runs one attempt of a task somewhere: the SPI between the task scheduler (which decides what runs when)
 * and placement (which decides where). {@link LocalCommandLauncher} runs the command on this machine;
 * the placement module's launcher leases a matching resource first and runs it there with the lease's
 * environment variables.
 *
 * <p>{@link #launch} must not block: it returns at once and reports through the returned execution.
 * The scheduler stores its intent (the task PLACED, attempt n) before calling it, and ignores reports of
 * attempts it no longer waits for.
 */
@FunctionalInterface
public interface TaskLauncher {
    TaskExecution launch(TaskRunContext context);
}
