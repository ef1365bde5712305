package io.runway.core.task.run;

import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunContext;
import io.runway.core.task.TaskSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The acting side of the task scheduler: hands decided launches to the {@link TaskLauncher}, keeps the
 * executions in flight, turns their reports into {@link TaskEvent}s, and cancels on request.
 */
final class Launches {
    private final TaskLauncher launcher;
    private final Consumer<TaskEvent> report;
    private final Map<String, TaskExecution> executions = new ConcurrentHashMap<>();

    Launches(TaskLauncher launcher, Consumer<TaskEvent> report) {
        this.launcher = launcher;
        this.report = report;
    }

    void act(GraphRun run, TaskAction action) {
        String key = action.runId() + "/" + action.task() + "/" + action.attempt();
        if (action instanceof TaskAction.Cancel c) {
            TaskExecution ex = executions.remove(key);
            if (ex != null) {
                ex.cancel(c.reason());
            }
            return;
        }
        TaskSpec spec = run.spec().task(action.task());
        int attempt = action.attempt();
        TaskRunContext ctx = new TaskRunContext(run.graph(), run.id(), attempt, run.scheduledFor(), run.intervalStart(),
                run.scheduledFor(), spec, spec.deadline() == null ? null : run.scheduledFor().plus(spec.deadline()));
        TaskExecution ex;
        try {
            ex = launcher.launch(ctx);
        } catch (RuntimeException e) {
            report.accept(new TaskEvent.Finished(run.id(), spec.name(), attempt, TaskOutcome.failure("launcher failed: " + e)));
            return;
        }
        executions.put(key, ex);
        ex.onPlacement(p -> report.accept(new TaskEvent.Placement(run.id(), spec.name(), attempt, p)));
        ex.started().thenAccept(where -> report.accept(new TaskEvent.Started(run.id(), spec.name(), attempt, where)));
        ex.outcome().whenComplete((o, e) -> {
            executions.remove(key);
            report.accept(new TaskEvent.Finished(run.id(), spec.name(), attempt,
                    o != null ? o : TaskOutcome.failure("launcher failed: " + e)));
        });
    }

    /** Stops every attempt in flight (shutdown). */
    void cancelAll(String reason) {
        executions.values().forEach(e -> e.cancel(reason));
        executions.clear();
    }
}
