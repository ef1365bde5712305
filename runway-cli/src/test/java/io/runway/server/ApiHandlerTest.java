package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every route of REST API v1 over real HTTP, its error mapping, and bad input that must change nothing. */
class ApiHandlerTest {
    private final ServerFixture f = LeaseApiTest.newFixtureForTests();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void healthAndResources() throws Exception {
        assertThat(f.get("/api/v1/health").statusCode()).isEqualTo(200);
        JsonNode resources = ServerFixture.json(f.get("/api/v1/resources"));
        assertThat(resources).hasSize(4);
        JsonNode web1 = resources.get(1);
        assertThat(web1.get("id").asText()).isEqualTo("web-1");
        assertThat(web1.get("pool").asText()).isEqualTo("web");
        assertThat(web1.get("state").asText()).isEqualTo("FREE");
        assertThat(web1.get("labels").toString()).isEqualTo("[\"linux\",\"x86\"]");
        assertThat(web1.get("attributes").get("cpu").asInt()).isEqualTo(4);
        assertThat(web1.has("leaseId")).isTrue();
    }

    @Test
    void acquireShowListRenewReleaseAndEvents() throws Exception {
        HttpResponse<String> created = f.post("/api/v1/leases",
                "{\"owner\":\"ci-42\",\"pool\":\"web\",\"capability\":\"linux && !arm\",\"count\":2,\"ttl\":\"15m\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode lease = ServerFixture.json(created);
        String id = lease.get("id").asText();
        String token = lease.get("token").asText();
        assertThat(lease.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(lease.get("fencingToken").asLong()).isPositive();
        assertThat(lease.get("expiresAt").asText()).isEqualTo("2030-01-01T00:15:00Z");
        assertThat(lease.get("resources").findValuesAsText("id")).containsExactlyInAnyOrder("web-1", "web-2");

        HttpResponse<String> shown = f.get("/api/v1/leases/" + id);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(shown).get("owner").asText()).isEqualTo("ci-42");
        assertThat(shown.body()).doesNotContain(token).doesNotContain("\"token\"");
        HttpResponse<String> list = f.get("/api/v1/leases");
        assertThat(ServerFixture.json(list)).hasSize(1);
        assertThat(list.body()).doesNotContain(token);

        f.clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> renewed = f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases/" + id + "/renew"))
                .header("Content-Type", "application/json").header(LeaseApi.TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"ttl\":\"1h\"}")));
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(renewed).get("expiresAt").asText()).isEqualTo("2030-01-01T01:05:00Z");

        HttpResponse<String> released = f.delete("/api/v1/leases/" + id, LeaseApi.TOKEN_HEADER, token);
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(released).get("state").asText()).isEqualTo("RELEASED");
        HttpResponse<String> again = f.delete("/api/v1/leases/" + id, LeaseApi.TOKEN_HEADER, token);
        assertThat(ServerFixture.json(again).get("state").asText()).isEqualTo("RELEASED");

        HttpResponse<String> events = f.get("/api/v1/events?lease=" + id);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(events).findValuesAsText("type"))
                .containsExactly("lease.granted", "lease.renewed", "lease.released");
        assertThat(events.body()).doesNotContain(token);

        String metrics = f.get("/metrics").body();
        assertThat(metrics).contains("runway_leases_granted_total 1.0", "runway_leases_released_total 1.0",
                "runway_resources_free{pool=\"web\"} 3.0", "runway_http_requests_seconds_count")
                .doesNotContain(token).doesNotContain(id);
    }

    @Test
    void renewWithAWrongTokenIs403AndOfAnEndedLease409() throws Exception {
        JsonNode lease = f.acquire("{\"owner\":\"a\",\"pool\":\"gpu\",\"ttl\":\"1m\"}");
        String id = lease.get("id").asText();
        assertThat(renew(id, "wrong").statusCode()).isEqualTo(403);
        f.delete("/api/v1/leases/" + id, LeaseApi.TOKEN_HEADER, lease.get("token").asText());
        HttpResponse<String> ended = renew(id, lease.get("token").asText());
        assertThat(ended.statusCode()).isEqualTo(409);
        assertThat(ServerFixture.json(ended).get("error").asText()).isEqualTo("lease_not_active");
        assertThat(renew("l-nope", "x").statusCode()).isEqualTo(404);
    }

    @Test
    void releaseWithAWrongTokenIs403AndChangesNothing() throws Exception {
        JsonNode lease = f.acquire("{\"owner\":\"a\",\"pool\":\"gpu\",\"ttl\":\"1m\"}");
        String before = f.get("/api/v1/resources").body();
        HttpResponse<String> r = f.delete("/api/v1/leases/" + lease.get("id").asText(), LeaseApi.TOKEN_HEADER, "wrong");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(r).get("error").asText()).isEqualTo("forbidden");
        assertThat(f.get("/api/v1/resources").body()).isEqualTo(before);
        assertThat(f.delete("/api/v1/leases/l-unknown", LeaseApi.TOKEN_HEADER, "x").statusCode()).isEqualTo(404);
    }

    @Test
    void adminBearerRevokesAndAWrongBearerIsRefused() throws Exception {
        JsonNode lease = f.acquire("{\"owner\":\"a\",\"pool\":\"gpu\",\"ttl\":\"1m\"}");
        String path = "/api/v1/leases/" + lease.get("id").asText();
        assertThat(f.delete(path, "Authorization", "Bearer not-the-token").statusCode()).isEqualTo(403);
        HttpResponse<String> revoked = f.delete(path, "Authorization", "Bearer " + ServerFixture.ADMIN);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(revoked).get("state").asText()).isEqualTo("REVOKED");
    }

    @Test
    void quotaIs429AndNotGrantedIs409() throws Exception {
        f.acquire("{\"owner\":\"q\",\"pool\":\"web\",\"count\":2,\"ttl\":\"1m\"}");
        HttpResponse<String> over = f.post("/api/v1/leases", "{\"owner\":\"q\",\"pool\":\"web\",\"ttl\":\"1m\"}");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(ServerFixture.json(over).get("error").asText()).isEqualTo("quota_exceeded");
        f.acquire("{\"owner\":\"a\",\"pool\":\"gpu\",\"ttl\":\"1m\"}");
        HttpResponse<String> busy = f.post("/api/v1/leases", "{\"owner\":\"b\",\"pool\":\"gpu\",\"ttl\":\"1m\"}");
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(ServerFixture.json(busy).get("error").asText()).isEqualTo("not_granted");
    }

    @Test
    void expiryIsVisibleAfterTheClockMoves() throws Exception {
        JsonNode lease = f.acquire("{\"owner\":\"a\",\"pool\":\"gpu\",\"ttl\":\"1m\"}");
        f.clock.advance(Duration.ofMinutes(1));
        f.engine.tick().get(5, TimeUnit.SECONDS);
        assertThat(ServerFixture.json(f.get("/api/v1/leases/" + lease.get("id").asText())).get("state").asText())
                .isEqualTo("EXPIRED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "malformed JSON            | {\"owner\": | 400 | ",
        "not an object             | [1,2] | 400 | ",
        "count as a string         | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"count\":\"3\"} | 400 | count",
        "fractional count          | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"count\":1.5} | 400 | count",
        "negative count            | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"count\":-1} | 400 | count",
        "huge count                | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"count\":99999999999} | 400 | count",
        "absurd ttl                | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"99999d\"} | 400 | ttl",
        "ttl over the maximum      | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"3h\"} | 400 | ttl",
        "ttl not a duration        | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"soon\"} | 400 | ttl",
        "missing ttl               | {\"owner\":\"a\",\"pool\":\"web\"} | 400 | ttl",
        "missing owner             | {\"pool\":\"web\",\"ttl\":\"1m\"} | 400 | owner",
        "owner as a number         | {\"owner\":7,\"pool\":\"web\",\"ttl\":\"1m\"} | 400 | owner",
        "unknown field             | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"colour\":\"red\"} | 400 | colour",
        "bad capability            | {\"owner\":\"a\",\"capability\":\"linux &&\",\"ttl\":\"1m\"} | 400 | capability",
        "wait over the maximum     | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"wait\":\"2h\"} | 400 | wait",
        "priority out of range     | {\"owner\":\"a\",\"pool\":\"web\",\"ttl\":\"1m\",\"priority\":5000} | 400 | priority",
        "duplicate key             | {\"owner\":\"a\",\"owner\":\"b\",\"pool\":\"web\",\"ttl\":\"1m\"} | 400 | ",
        "unknown pool              | {\"owner\":\"a\",\"pool\":\"nope\",\"ttl\":\"1m\"} | 404 | pool",
    })
    void badAcquireIsRefusedAndChangesNothing(String name, String body, int status, String field) throws Exception {
        String before = f.get("/api/v1/resources").body();
        HttpResponse<String> r = f.post("/api/v1/leases", body);
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = ServerFixture.json(r);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("field").isNull() ? null : error.get("field").asText()).isEqualTo(field);
        assertThat(f.get("/api/v1/resources").body()).isEqualTo(before);
        assertThat(ServerFixture.json(f.get("/api/v1/leases"))).isEmpty();
    }

    @Test
    void oversizedBodyNonJsonTypeWrongMethodAndUnknownPath() throws Exception {
        String before = f.get("/api/v1/resources").body();
        String huge = "{\"owner\":\"" + "x".repeat(70 * 1024) + "\",\"ttl\":\"1m\"}";
        assertThat(f.post("/api/v1/leases", huge).statusCode()).isEqualTo(413);
        HttpResponse<String> chunked = f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases")) // no length: chunked
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        HttpResponse<String> hugeHeader = f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases"))
                .header("X-Padding", "x".repeat(70 * 1024)).GET());
        assertThat(hugeHeader.statusCode()).isEqualTo(431);
        assertThat(ServerFixture.json(hugeHeader).get("error").asText()).as("Jetty's own errors are API JSON too")
                .isEqualTo("invalid_input");
        HttpResponse<String> ambiguous = f.get("/api/v1/leases/..%2Fx");
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(ambiguous).get("message").asText()).isNotBlank();
        HttpResponse<String> text = f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> put = f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(ServerFixture.json(put).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(f.get("/api/v2/nothing").statusCode()).isEqualTo(404);
        assertThat(f.get("/api/v1/leases/l-nope").statusCode()).isEqualTo(404);
        assertThat(f.get("/api/v1/events").statusCode()).isEqualTo(400);
        assertThat(f.get("/api/v1/resources").body()).isEqualTo(before);
    }

    private HttpResponse<String> renew(String id, String token) throws Exception {
        return f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases/" + id + "/renew"))
                .header("Content-Type", "application/json").header(LeaseApi.TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"ttl\":\"10m\"}")));
    }
}
