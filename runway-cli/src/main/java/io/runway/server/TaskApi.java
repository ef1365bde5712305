package io.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskDocuments;
import io.runway.core.task.run.TaskScheduler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;

/**
 * REST calls on task graphs and their runs. Reading is open; starting a run or a backfill needs the
 * admin token (tasks run commands on this machine). Environment values are shown as "***".
 */
final class TaskApi {
    private static final int RECENT_RUNS = 20;
    private final TaskScheduler scheduler;
    private final AdminToken adminToken;

    TaskApi(TaskScheduler scheduler, AdminToken adminToken) {
        this.scheduler = scheduler;
        this.adminToken = adminToken;
    }

    /** GET /tasks: every graph with its next fire and last run. */
    void list(Exchange x) {
        ArrayNode out = ApiJson.mapper().createArrayNode();
        for (TaskGraphSpec g : scheduler.graphs()) {
            ObjectNode o = summary(g);
            List<GraphRun> runs = scheduler.runs(g.name());
            if (!runs.isEmpty()) {
                o.set("lastRun", runSummary(runs.get(0)));
            }
            out.add(o);
        }
        send(x, 200, out);
    }

    /** GET /tasks/{name}: the graph, its next fire and its recent runs. */
    void show(Exchange x, String name) {
        TaskGraphSpec g = graph(name);
        ObjectNode o = summary(g);
        try {
            o.set("spec", redact(ApiJson.mapper().readTree(TaskDocuments.json(g)))); // durations as in spec files
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render graph " + name, e);
        }
        ArrayNode runs = o.putArray("runs");
        scheduler.runs(name).stream().limit(RECENT_RUNS).forEach(r -> runs.add(runSummary(r)));
        send(x, 200, o);
    }

    /** POST /tasks/{name}/runs: a run now, outside the schedule. */
    void run(Exchange x, String name) {
        requireAdmin(x);
        graph(name);
        send(x, 201, view(scheduler.trigger(name)));
    }

    /** POST /tasks/{name}/backfill, body {@code {"from": INSTANT, "to": INSTANT}}. */
    void backfill(Exchange x, String name) {
        requireAdmin(x);
        graph(name);
        x.jsonBody().thenAccept(body -> {
            JsonNode req;
            try {
                req = ApiJson.mapper().readTree(body);
            } catch (java.io.IOException e) {
                throw ApiError.badRequest(null, "the body is not JSON: " + e.getMessage()).toException();
            }
            Instant from = instant(req, "from");
            Instant to = instant(req, "to");
            List<GraphRun> created = scheduler.backfill(name, from, to);
            ObjectNode o = ApiJson.mapper().createObjectNode();
            ArrayNode runs = o.putArray("created");
            created.forEach(r -> runs.add(runSummary(r)));
            send(x, 201, o);
        }).exceptionally(e -> {
            x.fail(e);
            return null;
        });
    }

    /** GET /runs[?graph=NAME]: runs, newest instant first. */
    void runs(Exchange x, String graph) {
        ArrayNode out = ApiJson.mapper().createArrayNode();
        scheduler.runs(graph).forEach(r -> out.add(runSummary(r)));
        send(x, 200, out);
    }

    /** GET /runs/{id}: one run with every task's state, attempts and output tail. */
    void showRun(Exchange x, String id) {
        GraphRun run = scheduler.run(id).orElseThrow(() -> ApiError.notFound("no run '" + id + "'").toException());
        send(x, 200, view(run));
    }

    private TaskGraphSpec graph(String name) {
        return scheduler.graphs().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no task graph '" + name + "'").toException());
    }

    private ObjectNode summary(TaskGraphSpec g) {
        ObjectNode o = ApiJson.mapper().createObjectNode();
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

    private static ObjectNode runSummary(GraphRun r) {
        ObjectNode o = ApiJson.mapper().createObjectNode();
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
        ObjectNode waiting = ApiJson.mapper().createObjectNode();
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

    private static ObjectNode view(GraphRun run) {
        try {
            ObjectNode tree = (ObjectNode) ApiJson.mapper().readTree(TaskDocuments.run(run, 1).body());
            redact(tree.path("spec"));
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render run " + run.id(), e);
        }
    }

    /** Replaces every task's environment values by "***": they often hold secrets. */
    private static JsonNode redact(JsonNode spec) {
        spec.path("tasks").forEach(t -> {
            if (t.path("env") instanceof ObjectNode env) {
                List<String> names = new java.util.ArrayList<>();
                env.fieldNames().forEachRemaining(names::add);
                names.forEach(n -> env.put(n, "***"));
            }
        });
        return spec;
    }

    private static Instant instant(JsonNode req, String field) {
        JsonNode v = req.path(field);
        if (!v.isTextual()) {
            throw ApiError.badRequest(field, field + " is required: an ISO-8601 instant such as 2026-01-01T00:00:00Z").toException();
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field, field + " is not an ISO-8601 instant: '" + v.asText() + "'").toException();
        }
    }

    private void requireAdmin(Exchange x) {
        if (!adminToken.acceptsAuthorization(x.header(HttpHeader.AUTHORIZATION))) {
            throw new ApiError(403, "forbidden", null, adminToken.isConfigured() ? "the admin token does not match"
                    : "task runs are disabled: the server has no admin token (--admin-token-file)").toException();
        }
    }

    private static void send(Exchange x, int status, JsonNode body) {
        try {
            x.text(status, "application/json", ApiJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
