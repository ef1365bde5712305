package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real {@code runway serve} in the middle of a rollout: the restarted server resumes the
 * rollout at its durable step with the versions the dead one started (adopted, not started twice), routes
 * traffic to them again, and a promote then ends it with only the winner running.
 */
class ServeRolloutKillIT {
    private static final String ADMIN = "kill-it-admin-token";

    @TempDir
    Path dir;

    /** Put on every version's command line, so the test can find (and finally stop) exactly its processes. */
    private final String marker = "-Drunway.it=" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RunwayProcess server;

    @AfterEach
    void stopEverything() throws Exception {
        if (server != null) {
            server.kill();
        }
        versions().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aRolloutSurvivesKill9OfTheServer() throws Exception {
        Path config = ServeConcurrencyIT.writeConfig(dir);
        Path state = dir.resolve("state");
        Path admin = Files.writeString(dir.resolve("admin"), ADMIN + "\n");
        server = RunwayProcess.start(config, state, dir.resolve("first.log"), "--admin-token-file", admin.toString());

        HttpResponse<String> created = call("POST", "/api/v1/rollouts", spec());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = ApiJson.mapper().readTree(created.body()).path("id").asText();
        awaitState(id, "phase", "PAUSED");
        List<Long> pidsBefore = versions().stream().map(ProcessHandle::pid).sorted().toList();
        assertThat(pidsBefore).as("v1 and v2 run").hasSize(2);

        server.kill();
        server = RunwayProcess.start(config, state, dir.resolve("second.log"), "--admin-token-file", admin.toString());

        JsonNode resumed = awaitState(id, "phase", "PAUSED");
        assertThat(resumed.path("canaryWeightBp").asInt()).isEqualTo(1000);
        assertThat(versions().stream().map(ProcessHandle::pid).sorted().toList())
                .as("the versions the killed server started are adopted, not started again").isEqualTo(pidsBefore);
        URI router = URI.create(resumed.path("routerUrl").asText());
        for (int i = 0; i < 20; i++) {
            assertThat(http.send(HttpRequest.newBuilder(router).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        assertThat(call("POST", "/api/v1/rollouts/" + id + "/promote", null).statusCode()).isEqualTo(200);
        JsonNode end = awaitState(id, "tornDown", "true");
        assertThat(end.path("phase").asText()).isEqualTo("PROMOTED");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (versions().size() != 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(versions()).as("only the winner runs").hasSize(1);
        assertThat(versions().get(0).info().commandLine().orElse("")).contains("--version v2");
    }

    private List<ProcessHandle> versions() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
    }

    private String spec() {
        String java = RunwayProcess.javaBin();
        return """
                {"service": "shop", "version": "v2", "baseline": "v1",
                 "deploy": {"command": ["%s", "%s", "-Xmx64m", "-cp", "%s", "io.runway.cli.demo.DemoApp", "--port", "${port}", "--version", "${version}"],
                            "readiness": {"path": "/health", "timeout": "30s", "interval": "100ms"}},
                 "strategy": {"canary": {"steps": [{"setWeight": 10}, {"pause": {}}]}},
                 "scaleDownDelay": "0s"}
                """.formatted(java, marker, RunwayProcess.jar());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitState(String id, String field, String value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode state = ApiJson.mapper().readTree(call("GET", "/api/v1/rollouts/" + id, null).body());
        while (!state.path(field).asText().equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a real server process; no clock to move
            state = ApiJson.mapper().readTree(call("GET", "/api/v1/rollouts/" + id, null).body());
        }
        assertThat(state.path(field).asText()).as(state.toString()).isEqualTo(value);
        return state;
    }
}
