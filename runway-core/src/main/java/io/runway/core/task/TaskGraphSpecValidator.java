package io.runway.core.task;

import static io.runway.core.spec.FieldPath.field;
import static io.runway.core.spec.FieldPath.index;

import io.runway.core.error.InvalidInputException;
import io.runway.core.label.LabelExpression;
import io.runway.core.placement.AttributeConstraint;
import io.runway.core.spec.SpecValidator;
import io.runway.core.spec.Violation;
import io.runway.core.task.cron.CronSchedules;
import io.runway.core.task.cron.CronSyntaxException;
import io.runway.core.task.cron.JenkinsCronParser;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Semantic checks of a task graph: names, cron text, zone, bounds, dependencies (no cycles). */
public final class TaskGraphSpecValidator implements SpecValidator<TaskGraphSpec> {
    public static final Pattern GRAPH_NAME = Pattern.compile("[a-z0-9-]{1,63}");
    static final int MAX_JOB_CHARS = 512;
    public static final Pattern TASK_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final int MAX_TASKS = 200;
    private static final int MAX_ARGS = 256;
    private static final int MAX_ARG_CHARS = 8192;

    @Override
    public List<Violation> validate(TaskGraphSpec spec) {
        List<Violation> out = new ArrayList<>();
        if (spec.name() == null) {
            out.add(new Violation("name", "is required"));
        } else if (!GRAPH_NAME.matcher(spec.name()).matches()) {
            out.add(new Violation("name", "'" + spec.name() + "' must be 1 to 63 characters of a-z, 0-9 and '-'"));
        }
        if (spec.schedule() != null) {
            checkSchedule(out, spec.schedule(), spec.name() == null ? "" : spec.name());
        }
        if (spec.tasks().isEmpty() || spec.tasks().size() > MAX_TASKS) {
            out.add(new Violation("tasks", "a graph has 1 to " + MAX_TASKS + " tasks"));
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec t = spec.tasks().get(i);
            String path = index("tasks", i);
            if (t == null) {
                out.add(new Violation(path, "a task is required here"));
                continue;
            }
            if (t.name() != null && byName.putIfAbsent(t.name(), i) != null) {
                out.add(new Violation(field(path, "name"), "duplicate task name '" + t.name() + "' (also tasks[" + byName.get(t.name()) + "])"));
            }
            checkTask(out, path, t);
        }
        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec t = spec.tasks().get(i);
            if (t == null) {
                continue;
            }
            for (int d = 0; d < t.dependsOn().size(); d++) {
                String dep = t.dependsOn().get(d);
                String path = index(field(index("tasks", i), "dependsOn"), d);
                if (dep == null || !byName.containsKey(dep)) {
                    out.add(new Violation(path, "unknown task '" + dep + "'; tasks: " + String.join(", ", byName.keySet().stream().sorted().toList())));
                } else if (dep.equals(t.name())) {
                    out.add(new Violation(path, "a task cannot depend on itself"));
                }
            }
        }
        new CycleFinder(spec, byName, out).find();
        return out;
    }

    private static void checkSchedule(List<Violation> out, ScheduleSpec s, String graphName) {
        ZoneId zone = null;
        try {
            zone = ZoneId.of(s.timezone());
        } catch (DateTimeException e) {
            out.add(new Violation("schedule.timezone", "unknown time zone '" + s.timezone() + "'; use a region id such as Europe/Berlin or UTC"));
        }
        if (s.cron() == null) {
            out.add(new Violation("schedule.cron", "is required"));
        } else {
            try {
                JenkinsCronParser.Parsed parsed = new JenkinsCronParser("schedule.cron").parse(s.cron(), graphName);
                if (parsed.zone() != null && zone != null && !"UTC".equals(s.timezone()) && !parsed.zone().equals(zone)) {
                    out.add(new Violation("schedule.timezone", "the cron text says TZ=" + parsed.zone().getId() + " but timezone is " + s.timezone() + "; keep one"));
                }
                if (new CronSchedules().compile(s.cron(), graphName, zone == null ? ZoneId.of("UTC") : zone, "schedule.cron")
                        .next(java.time.Instant.EPOCH).isEmpty()) {
                    out.add(new Violation("schedule.cron", "never fires (no such date, e.g. 30 February)"));
                }
            } catch (CronSyntaxException e) {
                out.add(new Violation("schedule.cron", e.getMessage()));
            }
        }
        if (s.missedRunPolicy() == null) {
            out.add(new Violation("schedule.missedRuns", "expected skip, runOnce or catchUp, not '" + s.missedRuns() + "'"));
        }
        if (s.catchUpLimit() < 1 || s.catchUpLimit() > 1000) {
            out.add(new Violation("schedule.catchUpLimit", "must be 1 to 1000"));
        }
        if (s.maxActiveRuns() < 1 || s.maxActiveRuns() > 100) {
            out.add(new Violation("schedule.maxActiveRuns", "must be 1 to 100"));
        }
    }

    private static void checkTask(List<Violation> out, String path, TaskSpec t) {
        if (t.name() == null) {
            out.add(new Violation(field(path, "name"), "is required"));
        } else if (!TASK_NAME.matcher(t.name()).matches()) {
            out.add(new Violation(field(path, "name"), "'" + t.name() + "' must be 1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit"));
        }
        if (t.job() != null) {
            checkJob(out, field(path, "job"), t.job());
        }
        if (t.job() == null && t.command().isEmpty() || t.command().size() > MAX_ARGS) {
            out.add(new Violation(field(path, "command"), "a command of 1 to " + MAX_ARGS + " arguments is required"));
        }
        for (int a = 0; a < t.command().size(); a++) {
            String arg = t.command().get(a);
            if (arg == null || arg.length() > MAX_ARG_CHARS || arg.indexOf('\0') >= 0 || a == 0 && arg.isEmpty()) {
                out.add(new Violation(index(field(path, "command"), a), "an argument is a string of at most " + MAX_ARG_CHARS + " characters without NUL"));
            }
        }
        t.env().forEach((k, v) -> {
            if (!ENV_KEY.matcher(k).matches()) {
                out.add(new Violation(field(field(path, "env"), k), "environment names are letters, digits and '_', not starting with a digit"));
            } else if (v == null || v.length() > MAX_ARG_CHARS || v.indexOf('\0') >= 0) {
                out.add(new Violation(field(field(path, "env"), k), "a value is a string of at most " + MAX_ARG_CHARS + " characters without NUL"));
            }
        });
        checkRequirements(out, field(path, "requirements"), t.requirements());
        if (t.count() < 1 || t.count() > 1000) {
            out.add(new Violation(field(path, "count"), "must be 1 to 1000"));
        }
        positive(out, field(path, "estimatedDuration"), t.estimatedDuration(), true);
        positive(out, field(path, "deadline"), t.deadline(), true);
        positive(out, field(path, "timeout"), t.timeout(), false);
        if (t.costLimit() != null && t.costLimit().signum() <= 0) {
            out.add(new Violation(field(path, "costLimit"), "must be positive"));
        }
        if (t.priority() < -1000 || t.priority() > 1000) { // the lease engine's range: refused here, not at the first placement
            out.add(new Violation(field(path, "priority"), "must be -1000 to 1000"));
        }
        if (t.retries() < 0 || t.retries() > 100) {
            out.add(new Violation(field(path, "retries"), "must be 0 to 100"));
        }
        BackoffSpec b = t.backoff();
        positive(out, field(path, "backoff.initial"), b.initial(), false);
        positive(out, field(path, "backoff.max"), b.max(), false);
        if (b.multiplier().compareTo(BigDecimal.ONE) < 0 || b.multiplier().compareTo(BigDecimal.TEN) > 0) {
            out.add(new Violation(field(path, "backoff.multiplier"), "must be 1 to 10"));
        }
        if (t.triggerRule() == null) {
            out.add(new Violation(field(path, "trigger"), "expected allSuccess, allDone, noneFailed or oneFailed, not '" + t.trigger() + "'"));
        }
    }

    /** A Jenkins item full name: slash-separated names, no empty, "." or ".." segment. */
    private static void checkJob(List<Violation> out, String path, String job) {
        boolean ok = !job.isEmpty() && job.length() <= MAX_JOB_CHARS && job.chars().noneMatch(c -> c < 0x20)
                && java.util.Arrays.stream(job.split("/", -1)).allMatch(s -> !s.isBlank() && !s.equals(".") && !s.equals(".."));
        if (!ok) {
            out.add(new Violation(path, "'" + job + "' is not a Jenkins job's full name (like folder/deploy: up to "
                    + MAX_JOB_CHARS + " characters, '/'-separated names, none empty, '.' or '..')"));
        }
    }

    private static void checkRequirements(List<Violation> out, String path, RequirementsSpec r) {
        if (r.pool() != null && !GRAPH_NAME.matcher(r.pool()).matches()) {
            out.add(new Violation(field(path, "pool"), "'" + r.pool() + "' is not a pool name ([a-z0-9-]{1,63})"));
        }
        if (r.capability() != null) {
            try {
                LabelExpression.parse(r.capability(), field(path, "capability"));
            } catch (InvalidInputException e) {
                out.add(new Violation(field(path, "capability"), e.getMessage()));
            }
        }
        for (int i = 0; i < r.attributes().size(); i++) {
            String p = index(field(path, "attributes"), i);
            try {
                AttributeConstraint.parse(r.attributes().get(i), p);
            } catch (InvalidInputException e) {
                out.add(new Violation(p, e.getMessage()));
            }
        }
    }

    private static void positive(List<Violation> out, String path, Duration d, boolean optional) {
        if (d == null ? !optional : d.isNegative() || d.isZero()) {
            out.add(new Violation(path, "must be positive"));
        }
    }
}
