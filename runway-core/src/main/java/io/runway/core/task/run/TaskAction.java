package io.runway.core.task.run;

/** What the runner must do after the decided state is stored. */
public sealed interface TaskAction {
    String runId();

    String task();

    int attempt();

    record Launch(String runId, String task, int attempt) implements TaskAction {}

    record Cancel(String runId, String task, int attempt, String reason) implements TaskAction {}
}
