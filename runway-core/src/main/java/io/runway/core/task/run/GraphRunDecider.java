package io.runway.core.task.run;

import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.TaskSpec;
import io.runway.core.task.TriggerRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides one RUNNING graph run: given its state, the events reported since the last decision and the
 * time, returns the next state and the launches and cancels to perform. Pure: no I/O, no clock.
 *
 * <p>Rules: a failed attempt with retries left waits out its backoff and is launched again; an attempt
 * running longer than the task's timeout is cancelled and counts as failed (TIMED_OUT when it was the
 * last); a task not ended by {@code scheduledFor + deadline} is cancelled and TIMED_OUT without retries;
 * a waiting task starts, is SKIPPED or UPSTREAM_FAILED by its {@link TriggerRule}; the run ends when every
 * task has, FAILED if any task failed.
 */
public final class GraphRunDecider {

    /** The next state and what to do. */
    public record Decision(GraphRun run, List<TaskAction> actions) {}

    public Decision decide(GraphRun run, List<TaskEvent> events, Instant now) {
        if (run.state() != GraphRunState.RUNNING) {
            return new Decision(run, List.of());
        }
        Map<String, TaskRun> tasks = new LinkedHashMap<>(run.tasks());
        List<TaskAction> actions = new ArrayList<>();
        for (TaskEvent e : events) {
            apply(run, tasks, e, now);
        }
        for (TaskSpec spec : run.spec().tasks()) {
            bound(run, tasks, spec, now, actions);
        }
        boolean changed = true;
        while (changed) { // a decision can unblock (or doom) downstream tasks in the same round
            changed = false;
            for (TaskSpec spec : run.spec().tasks()) {
                changed |= advance(run, tasks, spec, now, actions);
            }
        }
        GraphRun next = run.withTasks(tasks);
        if (tasks.values().stream().allMatch(t -> t.state().isTerminal())) {
            boolean failed = tasks.values().stream().anyMatch(t -> t.state().isFailure());
            next = next.withState(failed ? GraphRunState.FAILED : GraphRunState.SUCCEEDED, now,
                    failed ? "failed: " + String.join(", ", tasks.values().stream().filter(t -> t.state().isFailure())
                            .map(t -> t.name() + " " + t.state()).toList()) : "all tasks ended");
        }
        return new Decision(next, List.copyOf(actions));
    }

    private static void apply(GraphRun run, Map<String, TaskRun> tasks, TaskEvent e, Instant now) {
        TaskRun t = tasks.get(e.task());
        if (t == null || t.attempt() != e.attempt() || !t.state().isLaunched()) {
            return; // a report about an attempt already given up on (timed out, lost at restart)
        }
        if (e instanceof TaskEvent.Placement p) {
            tasks.put(t.name(), t.withPlacement(p.status()));
        } else if (e instanceof TaskEvent.Started s) {
            if (t.state() == TaskRunState.PLACED) {
                tasks.put(t.name(), t.running(now, s.where()));
            }
        } else if (e instanceof TaskEvent.Finished f) {
            TaskOutcome o = f.outcome();
            if (o.succeeded()) {
                tasks.put(t.name(), t.ended(TaskRunState.SUCCEEDED, now, o.exitCode(), o.message(), o.outputTail()));
            } else {
                tasks.put(t.name(), failedAttempt(run.spec().task(t.name()), t, now, TaskRunState.FAILED, o.exitCode(),
                        o.message(), o.outputTail()));
            }
        }
    }

    /** Timeouts and deadlines of launched attempts. */
    private static void bound(GraphRun run, Map<String, TaskRun> tasks, TaskSpec spec, Instant now, List<TaskAction> actions) {
        TaskRun t = tasks.get(spec.name());
        if (t.state().isTerminal()) {
            return;
        }
        if (spec.deadline() != null && !now.isBefore(run.scheduledFor().plus(spec.deadline()))) {
            if (t.state().isLaunched()) {
                actions.add(new TaskAction.Cancel(run.id(), t.name(), t.attempt(), "deadline"));
            }
            tasks.put(t.name(), t.ended(TaskRunState.TIMED_OUT, now, null, "deadline " + spec.deadline()
                    + " after " + run.scheduledFor() + " passed", t.outputTail()));
            return;
        }
        if (t.state() == TaskRunState.RUNNING && !now.isBefore(t.startedAt().plus(spec.timeout()))) {
            actions.add(new TaskAction.Cancel(run.id(), t.name(), t.attempt(), "timeout"));
            tasks.put(t.name(), failedAttempt(spec, t, now, TaskRunState.TIMED_OUT, null,
                    "timed out after " + spec.timeout(), t.outputTail()));
        }
    }

    private static TaskRun failedAttempt(TaskSpec spec, TaskRun t, Instant now, TaskRunState end, Integer exit,
                                         String why, String tail) {
        if (t.attempt() <= spec.retries()) {
            Duration wait = spec.backoff().delayAfter(t.attempt());
            return t.retryAt(now.plus(wait), exit, "attempt " + t.attempt() + " " + why + "; retry in " + wait, tail);
        }
        return t.ended(end, now, exit, t.attempt() > 1 ? "attempt " + t.attempt() + " (last) " + why : why, tail);
    }

    /** Starts, skips or fails a QUEUED task when its rule and backoff allow; true if it changed. */
    private static boolean advance(GraphRun run, Map<String, TaskRun> tasks, TaskSpec spec, Instant now, List<TaskAction> actions) {
        TaskRun t = tasks.get(spec.name());
        if (t.state() != TaskRunState.QUEUED) {
            return false;
        }
        if (t.attempt() > 0) { // a retry: its rule was met before the first attempt
            if (t.notBefore() == null || !now.isBefore(t.notBefore())) {
                launch(run, tasks, t, now, actions);
                return true;
            }
            return false;
        }
        switch (verdict(spec, tasks)) {
            case START -> launch(run, tasks, t, now, actions);
            case SKIP -> tasks.put(t.name(), t.ended(TaskRunState.SKIPPED, now, null, "trigger rule " + spec.trigger()
                    + " cannot be met: " + upstreamSummary(spec, tasks), null));
            case UPSTREAM_FAILED -> tasks.put(t.name(), t.ended(TaskRunState.UPSTREAM_FAILED, now, null,
                    "upstream failed: " + upstreamSummary(spec, tasks), null));
            case WAIT -> {
                return false;
            }
        }
        return true;
    }

    private enum Verdict { START, WAIT, SKIP, UPSTREAM_FAILED }

    private static Verdict verdict(TaskSpec spec, Map<String, TaskRun> tasks) {
        int done = 0;
        int failed = 0;
        int skipped = 0;
        for (String up : spec.dependsOn()) {
            TaskRunState s = tasks.get(up).state();
            done += s.isTerminal() ? 1 : 0;
            failed += s.isFailure() ? 1 : 0;
            skipped += s == TaskRunState.SKIPPED ? 1 : 0;
        }
        boolean allDone = done == spec.dependsOn().size();
        return switch (spec.triggerRule()) {
            case ALL_SUCCESS -> failed > 0 ? Verdict.UPSTREAM_FAILED : skipped > 0 ? Verdict.SKIP
                    : allDone ? Verdict.START : Verdict.WAIT;
            case ALL_DONE -> allDone ? Verdict.START : Verdict.WAIT;
            case NONE_FAILED -> failed > 0 ? Verdict.UPSTREAM_FAILED : allDone ? Verdict.START : Verdict.WAIT;
            case ONE_FAILED -> failed > 0 ? Verdict.START : allDone ? Verdict.SKIP : Verdict.WAIT;
        };
    }

    private static void launch(GraphRun run, Map<String, TaskRun> tasks, TaskRun t, Instant now, List<TaskAction> actions) {
        TaskRun placed = t.placed(now);
        tasks.put(t.name(), placed);
        actions.add(new TaskAction.Launch(run.id(), t.name(), placed.attempt()));
    }

    private static String upstreamSummary(TaskSpec spec, Map<String, TaskRun> tasks) {
        return String.join(", ", spec.dependsOn().stream().map(up -> up + " " + tasks.get(up).state()).toList());
    }
}
