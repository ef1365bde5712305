package io.runway.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes REST API v1 and {@code /metrics} requests (Jetty core handler, no servlets). Unknown paths are
 * 404, known paths with another method 405; every failure is a JSON error body.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final String LEASES = "/api/v1/leases";
    private static final String ROLLOUTS = "/api/v1/rollouts";
    private static final String HISTORY = "/api/v1/history";
    private static final String TASKS = "/api/v1/tasks";
    private static final String RUNS = "/api/v1/runs";

    private final LeaseApi api;
    private final RolloutApi rollouts;
    private final TaskApi tasks;
    private final ServerMetrics metrics;

    public ApiHandler(LeaseApi api, ServerMetrics metrics) {
        this(api, null, metrics);
    }

    /** With {@code rollouts} null, the rollout paths answer 404 (a server without a rollout host). */
    ApiHandler(LeaseApi api, RolloutApi rollouts, ServerMetrics metrics) {
        this(api, rollouts, null, metrics);
    }

    /** With {@code tasks} null, the task and run paths answer 404 (a server without a task scheduler). */
    ApiHandler(LeaseApi api, RolloutApi rollouts, TaskApi tasks, ServerMetrics metrics) {
        super(InvocationType.BLOCKING); // promote/abort wait for their state to be stored
        this.api = api;
        this.rollouts = rollouts;
        this.tasks = tasks;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange x = new Exchange(request, response, callback, metrics);
        try {
            route(x, Request.getPathInContext(request));
        } catch (RuntimeException e) {
            x.fail(e);
        }
        return true;
    }

    private void route(Exchange x, String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = x.method();
        switch (path) {
            case "/api/v1/health" -> on(x, "/api/v1/health", "GET", () -> api.health(x));
            case "/api/v1/resources" -> on(x, "/api/v1/resources", "GET", () -> api.resources(x));
            case "/api/v1/events" -> on(x, "/api/v1/events", "GET", () -> api.events(x));
            case "/metrics" -> on(x, "/metrics", "GET",
                    () -> x.text(200, ServerMetrics.CONTENT_TYPE, metrics.scrape()));
            case LEASES -> {
                x.route = LEASES;
                if (method.equals("GET")) {
                    api.list(x);
                } else if (method.equals("POST")) {
                    api.acquire(x);
                } else {
                    notAllowed(x);
                }
            }
            default -> {
                if (rollouts != null && path.startsWith(HISTORY + "/") && path.indexOf('/', HISTORY.length() + 1) < 0) {
                    String service = path.substring(HISTORY.length() + 1);
                    on(x, HISTORY + "/{service}", "GET", () -> rollouts.history(x, service));
                } else if (rollouts != null && (path.equals(ROLLOUTS) || path.startsWith(ROLLOUTS + "/"))) {
                    routeRollout(x, path, method);
                } else if (tasks != null && (path.equals(TASKS) || path.startsWith(TASKS + "/"))) {
                    routeTask(x, path);
                } else if (tasks != null && (path.equals(RUNS) || path.startsWith(RUNS + "/"))) {
                    routeRun(x, path);
                } else {
                    routeLease(x, path, method);
                }
            }
        }
    }

    /** {@code /api/v1/leases/{id}} and {@code /api/v1/leases/{id}/renew}. */
    private void routeLease(Exchange x, String path, String method) {
        String rest = path.startsWith(LEASES + "/") ? path.substring(LEASES.length() + 1) : null;
        if (rest == null || rest.isEmpty()) {
            x.error(ApiError.notFound("no such API path: " + path));
            return;
        }
        String[] parts = rest.split("/");
        if (parts.length == 1) {
            x.route = LEASES + "/{id}";
            switch (method) {
                case "GET" -> api.show(x, parts[0]);
                case "DELETE" -> api.release(x, parts[0]);
                default -> notAllowed(x);
            }
        } else if (parts.length == 2 && parts[1].equals("renew")) {
            on(x, LEASES + "/{id}/renew", "POST", () -> api.renew(x, parts[0]));
        } else {
            x.error(ApiError.notFound("no such API path: " + path));
        }
    }

    /** {@code /api/v1/rollouts}, {@code /api/v1/rollouts/{id}} and {@code /api/v1/rollouts/{id}/promote|abort}. */
    private void routeRollout(Exchange x, String path, String method) {
        String rest = path.length() > ROLLOUTS.length() ? path.substring(ROLLOUTS.length() + 1) : "";
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/");
        if (parts.length == 0) {
            x.route = ROLLOUTS;
            switch (method) {
                case "GET" -> rollouts.list(x);
                case "POST" -> rollouts.start(x);
                default -> notAllowed(x);
            }
        } else if (parts.length == 1) {
            on(x, ROLLOUTS + "/{id}", "GET", () -> rollouts.show(x, parts[0]));
        } else if (parts.length == 2 && parts[1].equals("promote")) {
            on(x, ROLLOUTS + "/{id}/promote", "POST", () -> rollouts.promote(x, parts[0]));
        } else if (parts.length == 2 && parts[1].equals("abort")) {
            on(x, ROLLOUTS + "/{id}/abort", "POST", () -> rollouts.abort(x, parts[0]));
        } else {
            x.error(ApiError.notFound("no such API path: " + path));
        }
    }

    /** {@code /api/v1/tasks}, {@code /api/v1/tasks/{name}}, {@code .../{name}/runs} and {@code .../{name}/backfill}. */
    private void routeTask(Exchange x, String path) {
        String rest = path.length() > TASKS.length() ? path.substring(TASKS.length() + 1) : "";
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/");
        if (parts.length == 0) {
            on(x, TASKS, "GET", () -> tasks.list(x));
        } else if (parts.length == 1) {
            on(x, TASKS + "/{name}", "GET", () -> tasks.show(x, parts[0]));
        } else if (parts.length == 2 && parts[1].equals("runs")) {
            on(x, TASKS + "/{name}/runs", "POST", () -> tasks.run(x, parts[0]));
        } else if (parts.length == 2 && parts[1].equals("backfill")) {
            on(x, TASKS + "/{name}/backfill", "POST", () -> tasks.backfill(x, parts[0]));
        } else {
            x.error(ApiError.notFound("no such API path: " + path));
        }
    }

    /** {@code /api/v1/runs[?graph=NAME]} and {@code /api/v1/runs/{id}}. */
    private void routeRun(Exchange x, String path) {
        String rest = path.length() > RUNS.length() ? path.substring(RUNS.length() + 1) : "";
        if (rest.isEmpty()) {
            on(x, RUNS, "GET", () -> tasks.runs(x, x.query("graph")));
        } else if (!rest.contains("/")) {
            on(x, RUNS + "/{id}", "GET", () -> tasks.showRun(x, rest));
        } else {
            x.error(ApiError.notFound("no such API path: " + path));
        }
    }

    private static void on(Exchange x, String route, String method, Runnable action) {
        x.route = route;
        if (x.method().equals(method)) {
            action.run();
        } else {
            notAllowed(x);
        }
    }

    private static void notAllowed(Exchange x) {
        x.header(HttpHeader.ALLOW.asString(), String.join(", ", LeaseApi.methodsOf(x.route)));
        x.error(new ApiError(405, "method_not_allowed", null, x.method() + " is not allowed on " + x.route));
    }
}
