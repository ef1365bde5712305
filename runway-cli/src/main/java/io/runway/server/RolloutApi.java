package io.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runway.cli.rollout.LocalRolloutHost;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutDocuments;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.rollout.spec.RolloutSpecValidator;
import io.runway.core.spec.InvalidSpecException;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * REST calls on rollouts: start one from a spec, read them, promote and abort. Starting, promoting and
 * aborting need the admin token: a rollout runs commands on this machine.
 */
final class RolloutApi {
    private final LocalRolloutHost host;
    private final AdminToken adminToken;

    RolloutApi(LocalRolloutHost host, AdminToken adminToken) {
        this.host = host;
        this.adminToken = adminToken;
    }

    /** POST /rollouts: the body is the rollout spec as JSON; {@code ?port=N} picks the router port. */
    void start(Exchange x) {
        requireAdmin(x);
        x.jsonBody().thenAccept(body -> {
            RequestBodies.parseObject(body); // strict: malformed UTF-8, YAML or a non-object is a 400 here
            SpecResult<RolloutSpec> read = SpecKind.ROLLOUT.reader().read("request", new String(body, StandardCharsets.UTF_8));
            if (!read.isValid()) {
                throw new InvalidSpecException(read.problems());
            }
            RolloutSpec spec = read.value();
            int port = port(x, "port");
            int previewPort = port(x, "previewPort");
            // The router listens only once every check passed (the provider, a running rollout of the service, the
            // artifact), so a refused request leaves no listener behind.
            RolloutController rollout = host.rollouts().start(spec, () -> {
                host.listen(spec.service(), port);
                if (spec.strategy().blueGreen() != null) {
                    host.listen(spec.service() + "-preview", previewPort);
                }
            });
            x.text(201, "application/json", withRouter(rollout.state()));
        }).exceptionally(e -> {
            x.fail(e);
            return null;
        });
    }

    /** A port to listen on from the query, 0 (any free port) when absent. */
    private static int port(Exchange x, String name) {
        int port = x.queryInt(name, 0);
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException(name, "the query parameter " + name + " must be a port from 1 to 65535,"
                    + " or 0 for any free port; was " + port);
        }
        return port;
    }

    /** GET /history/{service}: the service's deployments (fingerprints), newest first; [] for an unknown one. */
    void history(Exchange x, String service) {
        if (!RolloutSpecValidator.SERVICE.matcher(service).matches()) {
            throw new InvalidInputException("service", "a service name is 1 to 63 characters of a-z, 0-9 and '-'");
        }
        try {
            x.text(200, "application/json", ApiJson.mapper().writeValueAsString(host.rollouts().history(service)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the history of " + service, e);
        }
    }

    void list(Exchange x) {
        x.text(200, "application/json", host.rollouts().list().stream().map(RolloutApi::json)
                .collect(Collectors.joining(",", "[", "]")));
    }

    void show(Exchange x, String id) {
        x.text(200, "application/json", withRouter(host.rollouts().get(id).state()));
    }

    void promote(Exchange x, String id) {
        requireAdmin(x);
        x.text(200, "application/json", json(host.rollouts().promote(id, "admin (API)").join()));
    }

    void abort(Exchange x, String id) {
        requireAdmin(x);
        x.text(200, "application/json", json(host.rollouts().abort(id, "admin (API)").join()));
    }

    private void requireAdmin(Exchange x) {
        if (!adminToken.acceptsAuthorization(x.header(org.eclipse.jetty.http.HttpHeader.AUTHORIZATION))) {
            throw new ApiError(403, "forbidden", null, adminToken.isConfigured() ? "the admin token does not match"
                    : "rollouts are disabled: the server has no admin token (--admin-token-file)").toException();
        }
    }

    private String withRouter(RolloutState state) {
        ObjectNode tree = view(state);
        tree.put("routerUrl", host.router().address(state.spec().service()).toString());
        if (state.spec().strategy().blueGreen() != null) { // where to send the traffic that checks the new version
            tree.put("previewUrl", host.router().address(state.spec().service() + "-preview").toString());
        }
        return write(tree, state);
    }

    private static String json(RolloutState state) {
        return write(view(state), state);
    }

    /** The state as readers get it: environment values (often secrets) are replaced by "***". */
    private static ObjectNode view(RolloutState state) {
        return io.runway.core.api.ApiViews.rollout(state);
    }

    private static String write(ObjectNode tree, RolloutState state) {
        try {
            return ApiJson.mapper().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render rollout " + state.id(), e);
        }
    }
}
