package io.runway.jenkins.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.api.ApiViews;
import io.runway.core.api.TaskViews;
import io.runway.core.error.ConflictException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import io.runway.core.label.LabelExpression;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.spec.Durations;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskScheduler;
import io.runway.jenkins.host.Owners;
import io.runway.jenkins.host.RunwayHost;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * REST API v1 under {@code /runway/api/v1/}: the documents of {@code runway serve} (docs/leases.md) from the
 * controller's engines, with Jenkins permissions instead of the admin token. Reads need Runway read
 * access; every change is a POST: {@code POST leases} (Lease), {@code POST leases/{id}/renew} and
 * {@code POST leases/{id}/release} with the lease token (or Administer, which revokes),
 * {@code POST rollouts/{id}/promote|abort} (Rollout), {@code POST tasks/{name}/runs} and
 * {@code POST tasks/{name}/backfill} (Administer). Rollouts are started by builds, not over this API.
 */
public final class RestApiV1 {
    public static final String TOKEN_HEADER = "X-Runway-Lease-Token";
    /** The largest request body read; the caller reads at most one byte more, so a larger one is refused unread. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** A person's lease through the API must not wait longer than a request may take. */
    static final Duration MAX_API_WAIT = Duration.ofSeconds(60);

    private final RunwayHost host;
    private final Duration maxPersonTtl;

    public RestApiV1(RunwayHost host, Duration maxPersonTtl) {
        this.host = host;
        this.maxPersonTtl = maxPersonTtl;
    }

    /**
     * @param path below {@code /api/v1}, e.g. {@code /leases/l-1/renew}
     * @param token the {@code X-Runway-Lease-Token} header, or null
     */
    public ApiResponse handle(String method, String path, String query, byte[] body, String token, Caller caller) {
        try {
            return route(method, path == null ? "" : path, query, body, token, caller);
        } catch (RunwayException e) {
            return error(e);
        } catch (CompletionException | ExecutionException e) {
            return e.getCause() instanceof RunwayException re ? error(re)
                    : new ApiResponse(500, ApiViews.write(ApiViews.error("internal", null, "internal error")));
        }
    }

    private ApiResponse route(String method, String path, String query, byte[] body, String token, Caller caller)
            throws ExecutionException {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        if (!caller.canRead()) {
            return status(403, "forbidden", "Runway read permission is required");
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            return status(413, "invalid_input", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        switch (p[0]) {
            case "health" -> {
                return get ? ok(Map.of("status", "ok")) : notAllowed();
            }
            case "resources" -> {
                return get ? ok(host.leases().resources()) : notAllowed();
            }
            case "events" -> {
                String lease = param(query, "lease");
                if (lease == null) {
                    throw new InvalidInputException("lease", "the query parameter lease=ID is required");
                }
                return get ? ok(host.leases().events(lease)) : notAllowed();
            }
            case "leases" -> {
                if (p.length == 1) {
                    return get ? ok(host.leases().leases()) : post ? acquire(body, caller) : notAllowed();
                }
                String id = p[1];
                if (p.length == 2) {
                    return get ? ok(host.leases().lease(id).orElseThrow(() -> new NotFoundException("id", "no lease " + id))) : notAllowed();
                }
                if (!post) {
                    return notAllowed();
                }
                return switch (p[2]) {
                    case "renew" -> renew(id, body, token);
                    case "release" -> release(id, token, caller);
                    default -> status(404, "not_found", "no such call");
                };
            }
            case "rollouts" -> {
                if (p.length == 1) {
                    return get ? new ApiResponse(200, ApiViews.write(host.rollouts().list().stream().map(ApiViews::rollout).toList())) : notAllowed();
                }
                if (p.length == 2) {
                    return get ? new ApiResponse(200, ApiViews.write(ApiViews.rollout(host.rollouts().get(p[1]).state()))) : notAllowed();
                }
                if (!post) {
                    return notAllowed();
                }
                if (!caller.canRollout()) {
                    return status(403, "forbidden", "Runway Rollout permission is required");
                }
                String by = "jenkins user " + caller.userId() + " (API)";
                return switch (p[2]) {
                    case "promote" -> new ApiResponse(200, ApiViews.write(ApiViews.rollout(wait(host.rollouts().promote(p[1], by)))));
                    case "abort" -> new ApiResponse(200, ApiViews.write(ApiViews.rollout(wait(host.rollouts().abort(p[1], by)))));
                    default -> status(404, "not_found", "no such call");
                };
            }
            case "tasks" -> {
                return tasks(p, get, post, body, caller);
            }
            case "runs" -> {
                TaskScheduler s = scheduler();
                if (!get) {
                    return notAllowed();
                }
                if (p.length == 1) {
                    return new ApiResponse(200, ApiViews.write(TaskViews.runs(s.runs(param(query, "graph")))));
                }
                GraphRun run = s.run(p[1]).orElseThrow(() -> new NotFoundException("id", "no run '" + p[1] + "'"));
                return new ApiResponse(200, ApiViews.write(TaskViews.run(run)));
            }
            default -> {
                return status(404, "not_found", "no such call: " + path);
            }
        }
    }

    /** Task graphs: GET to read; a run now or a backfill is a POST with Runway Administer (builds start). */
    private ApiResponse tasks(String[] p, boolean get, boolean post, byte[] body, Caller caller) {
        TaskScheduler s = scheduler();
        if (p.length == 1) {
            return get ? new ApiResponse(200, ApiViews.write(TaskViews.graphs(s))) : notAllowed();
        }
        TaskGraphSpec graph = s.graphs().stream().filter(g -> g.name().equals(p[1])).findFirst()
                .orElseThrow(() -> new NotFoundException("name", "no task graph '" + p[1] + "'"));
        if (p.length == 2) {
            return get ? new ApiResponse(200, ApiViews.write(TaskViews.graph(s, graph))) : notAllowed();
        }
        if (!post) {
            return notAllowed();
        }
        if (!caller.canAdminister()) {
            return status(403, "forbidden", "Runway Administer permission is required to run task graphs");
        }
        return switch (p[2]) {
            case "runs" -> new ApiResponse(201, ApiViews.write(TaskViews.run(s.trigger(graph.name()))));
            case "backfill" -> {
                JsonNode b = json(body);
                yield new ApiResponse(201, ApiViews.write(TaskViews.created(
                        s.backfill(graph.name(), instant(b, "from"), instant(b, "to")))));
            }
            default -> status(404, "not_found", "no such call");
        };
    }

    private TaskScheduler scheduler() {
        TaskScheduler s = host.tasks();
        if (s == null) {
            throw new io.runway.core.error.UnavailableException("the task scheduler is not running on this controller", null);
        }
        return s;
    }

    private static Instant instant(JsonNode b, String field) {
        String v = text(b, field);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is not an ISO-8601 instant such as 2026-01-01T00:00:00Z: '" + v + "'");
        }
    }

    private ApiResponse acquire(byte[] body, Caller caller) throws ExecutionException {
        if (!caller.canLease()) {
            return status(403, "forbidden", "Runway Lease permission is required");
        }
        JsonNode b = json(body);
        Duration ttl = Durations.parse(text(b, "ttl"), "ttl");
        if (ttl.compareTo(maxPersonTtl) > 0) {
            throw new InvalidInputException("ttl", "a person's lease may last at most " + Durations.format(maxPersonTtl));
        }
        Duration wait = b.hasNonNull("wait") ? Durations.parse(text(b, "wait"), "wait") : Duration.ZERO;
        if (wait.compareTo(MAX_API_WAIT) > 0) {
            throw new InvalidInputException("wait", "wait may be at most " + Durations.format(MAX_API_WAIT) + " over this API");
        }
        String cap = b.hasNonNull("capability") ? text(b, "capability") : null;
        LeaseRequest request = new LeaseRequest(Owners.user(caller.userId()), b.hasNonNull("pool") ? text(b, "pool") : null,
                cap == null ? null : LabelExpression.parse(cap, "capability"), b.path("count").asInt(1), ttl, wait,
                b.path("priority").asInt(0));
        return new ApiResponse(201, ApiViews.write(ApiViews.grant(wait(host.leases().acquire(request)))));
    }

    private ApiResponse renew(String id, byte[] body, String token) throws ExecutionException {
        Duration ttl = Durations.parse(text(json(body), "ttl"), "ttl");
        return ok(wait(host.leases().renew(id, token == null ? "" : token, ttl)));
    }

    private ApiResponse release(String id, String token, Caller caller) throws ExecutionException {
        Lease l;
        if (token != null) {
            l = wait(host.leases().release(id, token));
        } else if (caller.canAdminister()) {
            l = wait(host.leases().revoke(id, "jenkins user " + caller.userId(), "revoked through the Jenkins REST API"));
        } else {
            return status(403, "forbidden", "give the lease token (" + TOKEN_HEADER + ") or have Runway Administer");
        }
        return ok(l);
    }

    /** Engine replies come quickly (a grant waits at most {@link #MAX_API_WAIT}); the request thread waits. */
    private static <T> T wait(CompletableFuture<T> reply) throws ExecutionException {
        try {
            return reply.get(MAX_API_WAIT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.cancel(false);
            throw new io.runway.core.error.UnavailableException("interrupted", e);
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new io.runway.core.error.UnavailableException("the engine did not answer in time", e);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = ApiViews.mapper().readTree(body == null || body.length == 0 ? "{}".getBytes() : body);
            if (!n.isObject()) {
                throw new InvalidInputException(null, "the body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new InvalidInputException(null, "the body is not valid JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return v.asText();
    }

    static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static ApiResponse ok(Object value) {
        return new ApiResponse(200, ApiViews.write(value));
    }

    private static ApiResponse notAllowed() {
        return status(405, "method_not_allowed", "reads are GET; every change is a POST");
    }

    private static ApiResponse status(int status, String code, String message) {
        return new ApiResponse(status, ApiViews.write(ApiViews.error(code, null, message)));
    }

    /** Same status mapping as runway serve (the error table of docs/leases.md). */
    static ApiResponse error(RunwayException e) {
        int status = e instanceof ConflictException ? 409 : switch (e.code()) {
            case "invalid_input" -> 400;
            case "forbidden" -> 403;
            case "not_found" -> 404;
            case "not_granted", "lease_not_active", "conflict" -> 409;
            case "quota_exceeded" -> 429;
            case "unavailable" -> 503;
            default -> 500;
        };
        return new ApiResponse(status, ApiViews.write(ApiViews.error(e.code(), e.field(), e.getMessage())));
    }

    static List<String> routes() {
        return List.of("health", "resources", "events", "leases", "rollouts", "tasks", "runs");
    }
}
