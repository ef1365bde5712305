package io.runway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.error.NotFoundException;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The REST API v1 operations on leases and resources. Every engine call completes its response when the
 * engine's future completes, so no server thread waits for a grant or for the store.
 */
final class LeaseApi {
    static final String TOKEN_HEADER = "X-Runway-Lease-Token";
    private static final long HANG_UP_CHECK_MILLIS = 200;

    private final LeaseEngine engine;
    private final AdminToken adminToken;

    LeaseApi(LeaseEngine engine, AdminToken adminToken) {
        this.engine = engine;
        this.adminToken = adminToken;
    }

    void health(Exchange x) {
        x.json(200, Map.of("status", "ok"));
    }

    void resources(Exchange x) {
        x.json(200, engine.resources());
    }

    void list(Exchange x) {
        x.json(200, engine.leases());
    }

    void show(Exchange x, String id) {
        engine.lease(id).ifPresentOrElse(l -> x.json(200, l),
                () -> x.fail(new NotFoundException("id", "no lease " + id)));
    }

    void events(Exchange x) {
        String lease = org.eclipse.jetty.server.Request.extractQueryParameters(x.request).getValue("lease");
        if (lease == null || lease.isBlank()) {
            throw ApiError.badRequest("lease", "the query parameter lease=ID is required").toException();
        }
        x.json(200, engine.events(lease));
    }

    /** POST /leases: a grant answers 201 with the token, once; a wait runs without holding a thread. */
    void acquire(Exchange x) {
        x.jsonBody().thenAccept(body -> {
            LeaseRequest request = RequestBodies.acquire(body);
            CompletableFuture<Grant> reply = engine.acquire(request);
            // A client that hangs up while waiting must not be granted resources nobody will release.
            Runnable hangUp = () -> {
                reply.cancel(false); // first, so the engine never grants once the hang-up is on record
                x.abandon(new org.eclipse.jetty.io.EofException("client hung up while waiting"));
            };
            x.request.addFailureListener(failure -> hangUp.run());
            // The engine bounds the wait; the connection's idle timeout must not end it early.
            x.request.addIdleTimeoutListener(timeout -> false);
            if (!request.waitFor().isZero()) {
                x.watchForHangUp(reply, HANG_UP_CHECK_MILLIS, hangUp);
            }
            reply.whenComplete((grant, error) -> {
                if (reply.isCancelled()) {
                    return; // the client hung up; there is no one to answer
                }
                if (error != null) {
                    x.fail(error);
                } else {
                    x.json(201, withToken(grant));
                }
            });
        }).exceptionally(e -> {
            x.fail(e);
            return null;
        });
    }

    void renew(Exchange x, String id) {
        String token = x.header(TOKEN_HEADER);
        x.jsonBody().thenCompose(body -> {
            Duration ttl = RequestBodies.renewTtl(RequestBodies.parseObject(body));
            return engine.renew(id, token == null ? "" : token, ttl);
        }).whenComplete((lease, error) -> answer(x, 200, lease, error));
    }

    /** DELETE: the owner's token releases; the admin bearer token revokes. Both are idempotent. */
    void release(Exchange x, String id) {
        String authorization = x.header(HttpHeader.AUTHORIZATION);
        CompletableFuture<Lease> reply;
        if (authorization != null) {
            if (!adminToken.acceptsAuthorization(authorization)) {
                throw new ApiError(403, "forbidden", null, adminToken.isConfigured()
                        ? "the admin token does not match" : "admin calls are disabled: the server has no admin token")
                        .toException();
            }
            reply = engine.revoke(id, "admin", "revoked by an administrator through the API");
        } else {
            String token = x.header(TOKEN_HEADER);
            reply = engine.release(id, token == null ? "" : token);
        }
        reply.whenComplete((lease, error) -> answer(x, 200, lease, error));
    }

    private static void answer(Exchange x, int status, Object body, Throwable error) {
        if (error != null) {
            x.fail(error);
        } else {
            x.json(status, body);
        }
    }

    /** The grant's view with the token placed right after the owner; the only response that carries it. */
    private static Map<String, Object> withToken(Grant grant) {
        return io.runway.core.api.ApiViews.grant(grant);
    }

    static List<String> methodsOf(String route) {
        return switch (route) {
            case "/api/v1/leases" -> List.of("GET", "POST");
            case "/api/v1/leases/{id}" -> List.of("GET", "DELETE");
            case "/api/v1/leases/{id}/renew" -> List.of("POST");
            case "/api/v1/rollouts" -> List.of("GET", "POST");
            case "/api/v1/rollouts/{id}/promote", "/api/v1/rollouts/{id}/abort" -> List.of("POST");
            case "/api/v1/tasks/{name}/runs", "/api/v1/tasks/{name}/backfill" -> List.of("POST");
            default -> List.of("GET");
        };
    }
}
