package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.cli.CliRun;
import io.runway.cli.rollout.LocalRolloutHost;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.memory.InMemoryStateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollouts through REST API v1 and the promote/abort commands, on a real server with real versions. */
class RolloutApiTest {
    private static final String ADMIN = "rollout-admin-token";

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalRolloutHost host;
    private RunwayServer server;
    private Path adminFile;

    @BeforeEach
    void start() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        LeaseEngine engine = LeaseEngine.start(ServerFixture.config(), Map.of("static", new StaticProvider()), store,
                Clock.systemUTC(), executor, EngineOptions.DEFAULT);
        host = LocalRolloutHost.onStore(store, dir, (s, l) -> { }, Duration.ofMillis(100));
        server = RunwayServer.start(engine, host, AdminToken.of(ADMIN), "127.0.0.1", 0);
        adminFile = Files.writeString(dir.resolve("admin"), ADMIN + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
        host.deployer().sweep(owner -> false).join();
        host.close();
        executor.shutdownNow();
    }

    private static String spec(String service) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return """
                {"service": "%s", "version": "v2", "baseline": "v1",
                 "deploy": {"command": ["%s", "-cp", "%s", "io.runway.cli.demo.DemoApp", "--port", "${port}", "--version", "${version}"],
                            "env": {"DB_PASSWORD": "hunter2"},
                            "readiness": {"path": "/health", "timeout": "30s", "interval": "100ms"}},
                 "strategy": {"canary": {"steps": [{"setWeight": 10}, {"pause": {}}]}},
                 "scaleDownDelay": "0s"}
                """.formatted(service, java, System.getProperty("java.class.path"));
    }

    private HttpResponse<String> call(String method, String path, String body, boolean admin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (admin) {
            b.header("Authorization", "Bearer " + ADMIN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitState(String id, String field, String value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode state = ApiJson.mapper().readTree(call("GET", "/api/v1/rollouts/" + id, null, false).body());
        while (!state.path(field).asText().equals(value) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            state = ApiJson.mapper().readTree(call("GET", "/api/v1/rollouts/" + id, null, false).body());
        }
        assertThat(state.path(field).asText()).as(state.toString()).isEqualTo(value);
        return state;
    }

    @Test
    void aBlueGreenRolloutAnswersWhereItsPreviewListens() throws Exception {
        String blueGreen = spec("cart").replace("{\"canary\": {\"steps\": [{\"setWeight\": 10}, {\"pause\": {}}]}}",
                "{\"blueGreen\": {\"autoPromote\": false}}");
        HttpResponse<String> created = call("POST", "/api/v1/rollouts", blueGreen, true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode state = ApiJson.mapper().readTree(created.body());
        URI main = URI.create(state.path("routerUrl").asText());
        URI preview = URI.create(state.path("previewUrl").asText());
        assertThat(preview.getHost()).isEqualTo("127.0.0.1");
        assertThat(preview.getPort()).isNotEqualTo(main.getPort());

        String id = state.path("id").asText();
        assertThat(call("POST", "/api/v1/rollouts/" + id + "/abort", null, true).statusCode()).isEqualTo(200);
        assertThat(awaitState(id, "tornDown", "true").path("phase").asText()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void runwayRolloutWithServerPrintsWhereTheBlueGreenPreviewListens() throws Exception {
        Path spec = Files.writeString(dir.resolve("cart.json"), spec("cart").replace(
                "{\"canary\": {\"steps\": [{\"setWeight\": 10}, {\"pause\": {}}]}}", "{\"blueGreen\": {\"autoPromote\": false}}"));
        CompletableFuture<CliRun> following = CompletableFuture.supplyAsync(() -> CliRun.of("rollout", "-f", spec.toString(),
                "--server", server.baseUri().toString(), "--admin-token-file", adminFile.toString()));
        JsonNode list = ApiJson.mapper().readTree(call("GET", "/api/v1/rollouts", null, false).body());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (list.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            list = ApiJson.mapper().readTree(call("GET", "/api/v1/rollouts", null, false).body());
        }
        assertThat(call("POST", "/api/v1/rollouts/" + list.get(0).path("id").asText() + "/abort", null, true).statusCode())
                .isEqualTo(200);

        CliRun run = following.get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(io.runway.cli.ExitCodes.ROLLED_BACK);
        assertThat(run.out()).contains("preview of v2 on http://127.0.0.1:");
    }

    @Test
    void startsFollowsAndPromotesARollout() throws Exception {
        HttpResponse<String> forbidden = call("POST", "/api/v1/rollouts", spec("shop"), false);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        // Refused before its body was read: the connection is not reused for the next request.
        assertThat(forbidden.headers().firstValue("connection")).contains("close");
        HttpResponse<String> bad = call("POST", "/api/v1/rollouts", spec("Shop!"), true);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiJson.mapper().readTree(bad.body()).path("field").asText()).isEqualTo("service");

        String onEc2 = spec("shop").replace("\"scaleDownDelay\": \"0s\"}", """
                "scaleDownDelay": "0s", "provider": "aws-ec2",
                 "aws": {"region": "eu-west-1", "launchTemplate": "shop-web", "vpc": "vpc-0a1b2c3d4e5f60718",
                         "loadBalancer": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"}}""");
        HttpResponse<String> elsewhere = call("POST", "/api/v1/rollouts", onEc2, true);
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(400);
        assertThat(ApiJson.mapper().readTree(elsewhere.body()).path("field").asText()).isEqualTo("provider");
        assertThat(call("GET", "/api/v1/rollouts", null, false).body()).isEqualTo("[]");

        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String missingArtifact = spec("shop").replace("\"scaleDownDelay\": \"0s\"}",
                "\"scaleDownDelay\": \"0s\", \"fingerprint\": {\"artifact\": \"/nonexistent/shop.jar\"}}");
        HttpResponse<String> unreadable = call("POST", "/api/v1/rollouts?port=" + port, missingArtifact, true);
        assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(400);
        assertThat(ApiJson.mapper().readTree(unreadable.body()).path("field").asText()).isEqualTo("fingerprint.artifact");
        assertThatThrownBy(() -> new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port).close())
                .as("a refused rollout leaves no listener").isInstanceOf(java.net.ConnectException.class);
        byte[] invalidUtf8 = spec("shop").replace("\"v2\"", "\"v2-\u0001\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < invalidUtf8.length; i++) {
            invalidUtf8[i] = invalidUtf8[i] == 1 ? (byte) 0xff : invalidUtf8[i]; // a byte no UTF-8 text holds
        }
        HttpResponse<String> garbled = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/rollouts"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbled.statusCode()).as(garbled.body()).isEqualTo(400);
        HttpResponse<String> yaml = call("POST", "/api/v1/rollouts", "service: shop\nversion: v2\n", true);
        assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(400);
        assertThat(yaml.body()).contains("malformed JSON");
        HttpResponse<String> badPort = call("POST", "/api/v1/rollouts?port=99999", spec("shop"), true);
        assertThat(badPort.statusCode()).as(badPort.body()).isEqualTo(400);
        assertThat(ApiJson.mapper().readTree(badPort.body()).path("field").asText()).isEqualTo("port");
        assertThat(call("GET", "/api/v1/rollouts", null, false).body()).isEqualTo("[]");

        HttpResponse<String> created = call("POST", "/api/v1/rollouts", spec("shop"), true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode state = ApiJson.mapper().readTree(created.body());
        String id = state.path("id").asText();
        URI router = URI.create(state.path("routerUrl").asText());
        assertThat(router.getHost()).isEqualTo("127.0.0.1");
        assertThat(call("POST", "/api/v1/rollouts", spec("shop"), true).statusCode()).isEqualTo(409);

        JsonNode paused = awaitState(id, "phase", "PAUSED");
        assertThat(paused.toString()).doesNotContain("hunter2");
        assertThat(paused.path("spec").path("deploy").path("env").path("DB_PASSWORD").asText()).isEqualTo("***");
        assertThat(http.send(HttpRequest.newBuilder(router).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        CliRun promote = CliRun.of("promote", id, "--server", server.baseUri().toString(),
                "--admin-token-file", adminFile.toString());
        assertThat(promote.exitCode()).as(promote.err()).isZero();
        JsonNode end = awaitState(id, "tornDown", "true");
        assertThat(end.path("phase").asText()).isEqualTo("PROMOTED");
        assertThat(end.path("reason").asText()).contains("promoted by admin (API)");
        // Idempotent: promoting or aborting a finished rollout answers its state and changes nothing.
        assertThat(CliRun.of("abort", id, "--server", server.baseUri().toString(), "--admin-token-file",
                adminFile.toString()).exitCode()).isZero();
        assertThat(awaitState(id, "phase", "PROMOTED")).isNotNull();
        JsonNode history = ApiJson.mapper().readTree(call("GET", "/api/v1/history/shop", null, false).body());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("version").asText()).isEqualTo("v2");
        assertThat(history.get(0).path("rolloutId").asText()).isEqualTo(id);
        CliRun listed = CliRun.of("history", "shop", "--server", server.baseUri().toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(" v2 ").contains(id);
        assertThat(CliRun.of("history", "Shop!", "--server", server.baseUri().toString()).exitCode())
                .isEqualTo(io.runway.cli.ExitCodes.INVALID_INPUT);
        assertThat(call("GET", "/api/v1/history/Shop!", null, false).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/history/nothing-here", null, false).body()).isEqualTo("[]");
        assertThat(call("GET", "/api/v1/rollouts/r-nope", null, false).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/rollouts", null, true).statusCode()).isEqualTo(405);
        assertThat(CliRun.of("abort", id, "--server", server.baseUri().toString()).exitCode()).isEqualTo(5);
    }
}
