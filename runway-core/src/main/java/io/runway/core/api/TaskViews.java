package io.runway.core.api;

import io.runway.core.task.TaskRunState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskDocuments;
import io.runway.core.task.run.TaskScheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of task graphs and their runs, as {@code runway serve} and the Jenkins plugin answer them
 * (one builder, so both APIs stay the same). Environment values are shown as "***": they often hold secrets.
 */
public final class TaskViews {
    /** Runs listed with a graph. */
    public static final int RECENT_RUNS = 20;

    private TaskViews() {}

    /** Every graph with its next fire and last run (GET tasks). */
    public static ArrayNode graphs(TaskScheduler scheduler) {
        ArrayNode out = ApiViews.mapper().createArrayNode();
        for (TaskGraphSpec g : scheduler.graphs()) {
            ObjectNode o = summary(scheduler, g);
            List<GraphRun> runs = scheduler.runs(g.name());
            if (!runs.isEmpty()) {
                o.set("lastRun", runSummary(runs.get(0)));
            }
            out.add(o);
        }
        return out;
    }

    /** One graph: its spec (durations as in spec files), next fire and recent runs (GET tasks/{name}). */
    public static ObjectNode graph(TaskScheduler scheduler, TaskGraphSpec g) {
        ObjectNode o = summary(scheduler, g);
        try {
            o.set("spec", redact(ApiViews.mapper().readTree(TaskDocuments.json(g))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render graph " + g.name(), e);
        }
        ArrayNode runs = o.putArray("runs");
        scheduler.runs(g.name()).stream().limit(RECENT_RUNS).forEach(r -> runs.add(runSummary(r)));
        return o;
    }

    /** Runs, newest instant first (GET runs[?graph=NAME]). */
    public static ArrayNode runs(List<GraphRun> runs) {
        ArrayNode out = ApiViews.mapper().createArrayNode();
        runs.forEach(r -> out.add(runSummary(r)));
        return out;
    }

    /** The runs a backfill created (POST tasks/{name}/backfill). */
    public static ObjectNode created(List<GraphRun> created) {
        ObjectNode o = ApiViews.mapper().createObjectNode();
        o.set("created", runs(created));
        return o;
    }

    private static ObjectNode summary(TaskScheduler scheduler, TaskGraphSpec g) {
        ObjectNode o = ApiViews.mapper().createObjectNode();
        o.put("name", g.name());
        if (g.schedule() != null) {
            o.put("cron", g.schedule().cron());
            o.put("timezone", g.schedule().timezone());
            scheduler.nextFire(g.name()).ifPresent(t -> o.put("nextFire", t.toString()));
        }
        ArrayNode tasks = o.putArray("tasks");
        g.tasks().forEach(t -> tasks.add(t.name()));
        return o;
    }

    /** A run's id, trigger, instants, state, each task's state, and why placed tasks wait (if they do). */
    public static ObjectNode runSummary(GraphRun r) {
        ObjectNode o = ApiViews.mapper().createObjectNode();
        o.put("id", r.id());
        o.put("graph", r.graph());
        o.put("trigger", r.trigger());
        o.put("scheduledFor", r.scheduledFor().toString());
        o.put("intervalStart", r.intervalStart().toString());
        o.put("state", r.state().name());
        if (r.reason() != null) {
            o.put("reason", r.reason());
        }
        ObjectNode tasks = o.putObject("tasks");
        r.tasks().forEach((name, t) -> tasks.put(name, t.state().name()));
        ObjectNode waiting = ApiViews.mapper().createObjectNode();
        r.tasks().forEach((name, t) -> {
            if (t.state() == TaskRunState.PLACED && t.placement() != null && t.placement().waiting()) {
                waiting.put(name, t.placement().state() + ": " + t.placement().reason());
            }
        });
        if (!waiting.isEmpty()) {
            o.set("waitingForPlacement", waiting); // why tasks handed to placement are not running yet
        }
        return o;
    }

    /** One run with every task's state, attempts and output tail (GET runs/{id}). */
    public static ObjectNode run(GraphRun run) {
        try {
            ObjectNode tree = (ObjectNode) ApiViews.mapper().readTree(TaskDocuments.run(run, 1).body());
            redact(tree.path("spec"));
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render run " + run.id(), e);
        }
    }

    private static JsonNode redact(JsonNode spec) {
        spec.path("tasks").forEach(t -> {
            if (t.path("env") instanceof ObjectNode env) {
                List<String> names = new ArrayList<>();
                env.fieldNames().forEachRemaining(names::add);
                names.forEach(n -> env.put(n, "***"));
            }
        });
        return spec;
    }
}
