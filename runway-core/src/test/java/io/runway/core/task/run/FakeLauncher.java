package io.runway.core.task.run;

import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A launcher tests drive by hand: every launch is recorded and ends when the test says so. */
final class FakeLauncher implements TaskLauncher {
    final List<Launched> launched = new ArrayList<>();

    static final class Launched implements TaskExecution {
        final TaskRunContext context;
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
        volatile String cancelled;

        Launched(TaskRunContext context) {
            this.context = context;
        }

        @Override
        public CompletableFuture<String> started() {
            return started;
        }

        @Override
        public CompletableFuture<TaskOutcome> outcome() {
            return outcome;
        }

        @Override
        public void cancel(String reason) {
            cancelled = reason;
            outcome.complete(new TaskOutcome(false, 143, "cancelled (" + reason + ")", ""));
        }

        void succeed() {
            started.complete("fake");
            outcome.complete(TaskOutcome.success("exit 0"));
        }

        void fail() {
            started.complete("fake");
            outcome.complete(new TaskOutcome(false, 1, "exit 1", ""));
        }

        String key() {
            return context.runId() + "/" + context.task() + "#" + context.attempt();
        }
    }

    @Override
    public synchronized TaskExecution launch(TaskRunContext context) {
        Launched l = new Launched(context);
        launched.add(l);
        return l;
    }

    synchronized List<String> keys() {
        return launched.stream().map(Launched::key).toList();
    }

    synchronized Launched last(String task) {
        for (int i = launched.size() - 1; i >= 0; i--) {
            if (launched.get(i).context.task().equals(task)) {
                return launched.get(i);
            }
        }
        throw new AssertionError("never launched: " + task);
    }
}
