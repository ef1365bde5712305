package io.runway.jenkins.tasks;

import hudson.model.Executor;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.model.queue.QueueTaskFuture;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/**
 * The real {@link JobTrigger}: queues a build through {@code ParameterizedJobMixIn.scheduleBuild2} with the
 * parameters as string parameters (declared safe, so the job need not define them), then follows the queue
 * item's future by looking at it every {@code POLL} on Jenkins' timer — Jenkins' future is not a
 * CompletableFuture, and waiting on it would hold a thread for the whole build.
 */
public final class JenkinsJobTrigger implements JobTrigger {
    static final long POLL_MILLIS = 1000;
    private final ScheduledExecutorService timer;

    public JenkinsJobTrigger(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public JobBuild trigger(String job, Map<String, String> parameters) {
        Job<?, ?> target = Jenkins.get().getItemByFullName(job, Job.class);
        if (target == null) {
            throw new NotFoundException("job", "no job named '" + job + "' (or the system cannot see it)");
        }
        List<ParameterValue> values = new ArrayList<>();
        parameters.forEach((k, v) -> values.add(new StringParameterValue(k, v)));
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(target, 0, new ParametersAction(values, parameters.keySet()));
        if (item == null) {
            throw new InvalidInputException("job", "job '" + job + "' takes no builds (disabled, or not a buildable job type)");
        }
        return new QueuedBuild(item, timer);
    }

    /** A queue item followed until its build ends. */
    static final class QueuedBuild implements JobBuild {
        private final Queue.Item item;
        private final QueueTaskFuture<Queue.Executable> future;
        private final CompletableFuture<String> started = new CompletableFuture<>();
        private final CompletableFuture<String> completed = new CompletableFuture<>();
        private final ScheduledFuture<?> poll;

        QueuedBuild(Queue.Item item, ScheduledExecutorService timer) {
            this.item = item;
            this.future = item.getFuture();
            this.poll = timer.scheduleWithFixedDelay(this::look, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void look() {
            try {
                if (!started.isDone() && future.getStartCondition().isDone() && !future.getStartCondition().isCancelled()) {
                    started.complete(describe(future.getStartCondition().get()));
                }
                if (future.isDone()) {
                    poll.cancel(false);
                    completed.complete(result());
                }
            } catch (RuntimeException | ExecutionException e) {
                poll.cancel(false);
                completed.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String result() throws InterruptedException, ExecutionException {
            Queue.Executable x;
            try {
                x = future.get();
            } catch (CancellationException e) {
                return "CANCELLED"; // left the queue without starting
            }
            Result r = x instanceof Run<?, ?> run ? run.getResult() : null;
            return r == null ? "NOT_BUILT" : r.toString();
        }

        private static String describe(Queue.Executable x) {
            return x instanceof Run<?, ?> run ? run.getFullDisplayName() : String.valueOf(x);
        }

        @Override
        public CompletableFuture<String> started() {
            return started;
        }

        @Override
        public CompletableFuture<String> completed() {
            return completed;
        }

        @Override
        public void abort(String reason) {
            try {
                if (!future.getStartCondition().isDone()) {
                    Jenkins.get().getQueue().cancel(item);
                    return;
                }
                Queue.Executable x = future.getStartCondition().get();
                Executor executor = x instanceof Run<?, ?> run ? run.getExecutor() : null;
                if (executor != null) {
                    executor.interrupt(Result.ABORTED);
                }
            } catch (ExecutionException | CancellationException e) {
                // It never started; nothing to abort.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
