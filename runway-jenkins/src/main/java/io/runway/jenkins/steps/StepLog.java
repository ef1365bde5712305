package io.runway.jenkins.steps;

import hudson.model.TaskListener;
import java.io.PrintStream;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Prints {@code [runway] ...} lines to a step's build log; a log that cannot be reached is skipped. */
final class StepLog {
    private StepLog() {}

    static void println(StepContext context, String line) {
        try {
            TaskListener listener = context.get(TaskListener.class);
            if (listener != null) {
                PrintStream out = listener.getLogger();
                out.println("[runway] " + line);
            }
        } catch (java.io.IOException e) {
            // The build's log is gone (build deleted); nothing to tell.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
