package io.runway.jenkins.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.api.ApiViews;
import io.runway.core.lease.LeaseState;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.testing.TestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestApiV1Test {
    private static final Caller READER = new Caller("bob", true, false, false, false);
    private static final Caller LEASER = new Caller("alice", true, true, false, false);
    private static final Caller ADMIN = new Caller("root", true, true, true, true);
    private static final Caller NOBODY = new Caller("anonymous", false, false, false, false);

    @TempDir
    Path dir;
    private ScheduledExecutorService executor;
    private RunwayHost host;
    private RestApiV1 api;

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, MutableClock.at("2026-01-01T00:00:00Z"), executor);
        api = new RestApiV1(host, Duration.ofHours(8));
    }

    @AfterEach
    void stop() {
        host.close();
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private ApiResponse call(String method, String path, String body, String token, Caller caller) {
        return api.handle(method, path, null, body == null ? null : body.getBytes(StandardCharsets.UTF_8), token, caller);
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return ApiViews.mapper().readTree(r.json());
    }

    @Test
    void aPersonLeasesRenewsAndReleasesWithTheTokenGivenOnce() throws Exception {
        ApiResponse granted = call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"1h\"}", null, LEASER);
        assertThat(granted.status()).isEqualTo(201);
        JsonNode lease = json(granted);
        String id = lease.get("id").asText();
        String token = lease.get("token").asText();
        assertThat(lease.get("owner").asText()).isEqualTo("user:alice");
        assertThat(lease.get("state").asText()).isEqualTo("ACTIVE");

        ApiResponse shown = call("GET", "/leases/" + id, null, null, READER);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json()).doesNotContain(token);
        assertThat(call("GET", "/leases", null, null, READER).json()).doesNotContain(token).contains(id);

        assertThat(call("POST", "/leases/" + id + "/renew", "{\"ttl\":\"2h\"}", "wrong", LEASER).status()).isEqualTo(403);
        assertThat(call("POST", "/leases/" + id + "/renew", "{\"ttl\":\"2h\"}", token, LEASER).status()).isEqualTo(200);
        ApiResponse released = call("POST", "/leases/" + id + "/release", null, token, LEASER);
        assertThat(released.status()).isEqualTo(200);
        assertThat(json(released).get("state").asText()).isEqualTo(LeaseState.RELEASED.name());
    }

    @Test
    void permissionsAreChecked() {
        assertThat(call("GET", "/resources", null, null, NOBODY).status()).isEqualTo(403);
        assertThat(call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"1h\"}", null, READER).status()).isEqualTo(403);
        assertThat(call("POST", "/rollouts/r-1/promote", null, null, LEASER).status()).isEqualTo(403);
        assertThat(call("GET", "/resources", null, null, READER).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutChangingAnything() throws Exception {
        String huge = "{\"pool\":\"solo\",\"ttl\":\"1h\",\"owner\":\"" + "x".repeat(RestApiV1.MAX_BODY_BYTES) + "\"}";
        ApiResponse refused = call("POST", "/leases", huge, null, LEASER);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(json(refused).get("error").asText()).isEqualTo("invalid_input");
        assertThat(json(call("GET", "/leases", null, null, READER))).isEmpty();
    }

    @Test
    void onlyAnAdministratorReleasesWithoutTheToken() throws Exception {
        String id = json(call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"1h\"}", null, LEASER)).get("id").asText();
        assertThat(call("POST", "/leases/" + id + "/release", null, null, LEASER).status()).isEqualTo(403);
        ApiResponse revoked = call("POST", "/leases/" + id + "/release", null, null, ADMIN);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(json(revoked).get("state").asText()).isEqualTo("REVOKED");
    }

    @Test
    void changesArePostOnlyAndErrorsHaveTheContractShape() throws Exception {
        assertThat(call("DELETE", "/leases/l-1", null, null, ADMIN).status()).isEqualTo(405);
        assertThat(call("GET", "/leases/l-1/release", null, null, ADMIN).status()).isEqualTo(405);
        ApiResponse missing = call("GET", "/leases/l-404", null, null, READER);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).fieldNames()).toIterable().containsExactly("error", "field", "message");
        ApiResponse badTtl = call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"soon\"}", null, LEASER);
        assertThat(badTtl.status()).isEqualTo(400);
        assertThat(json(badTtl).get("field").asText()).isEqualTo("ttl");
        ApiResponse tooLong = call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"9h\"}", null, LEASER);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(host.leases().leases()).isEmpty();
    }

    @Test
    void notGrantedIsAConflict() {
        assertThat(call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"1h\"}", null, LEASER).status()).isEqualTo(201);
        ApiResponse second = call("POST", "/leases", "{\"pool\":\"solo\",\"ttl\":\"1h\"}", null, LEASER);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json()).contains("not_granted");
    }

    @Test
    void healthAndRolloutsRead() {
        assertThat(call("GET", "/health", null, null, READER).json()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(call("GET", "/rollouts", null, null, READER).json()).isEqualTo("[]");
        assertThat(call("GET", "/rollouts/r-404", null, null, READER).status()).isEqualTo(404);
    }
}
