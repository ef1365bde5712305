package io.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.api.TaskViews;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskScheduler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.jetty.http.HttpHeader;

/**
 * REST calls on task graphs and their runs. Reading is open; starting a run or a backfill needs the
 * admin token (tasks run commands on this machine). Environment values are shown as "***".
 */
final class TaskApi {
    private final TaskScheduler scheduler;
    private final AdminToken adminToken;

    TaskApi(TaskScheduler scheduler, AdminToken adminToken) {
        this.scheduler = scheduler;
        this.adminToken = adminToken;
    }

    /** GET /tasks: every graph with its next fire and last run. */
    void list(Exchange x) {
        send(x, 200, TaskViews.graphs(scheduler));
    }

    /** GET /tasks/{name}: the graph, its next fire and its recent runs. */
    void show(Exchange x, String name) {
        send(x, 200, TaskViews.graph(scheduler, graph(name)));
    }

    /** POST /tasks/{name}/runs: a run now, outside the schedule. */
    void run(Exchange x, String name) {
        requireAdmin(x);
        graph(name);
        send(x, 201, TaskViews.run(scheduler.trigger(name)));
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
            send(x, 201, TaskViews.created(scheduler.backfill(name, from, to)));
        }).exceptionally(e -> {
            x.fail(e);
            return null;
        });
    }

    /** GET /runs[?graph=NAME]: runs, newest instant first. */
    void runs(Exchange x, String graph) {
        send(x, 200, TaskViews.runs(scheduler.runs(graph)));
    }

    /** GET /runs/{id}: one run with every task's state, attempts and output tail. */
    void showRun(Exchange x, String id) {
        GraphRun run = scheduler.run(id).orElseThrow(() -> ApiError.notFound("no run '" + id + "'").toException());
        send(x, 200, TaskViews.run(run));
    }

    private TaskGraphSpec graph(String name) {
        return scheduler.graphs().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no task graph '" + name + "'").toException());
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
