package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real server in the middle of a graph run, restart on the same state directory: the
 * acknowledged run is still there (once), its lost attempt is retried, and the graph finishes.
 */
class TaskKillIT {
    private static final String ADMIN = "task-kill-admin";

    @TempDir
    Path dir;

    private RunwayProcess first;
    private RunwayProcess second;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() throws Exception {
        for (RunwayProcess p : new RunwayProcess[] {first, second}) {
            if (p != null) {
                p.close();
            }
        }
        Path pid = dir.resolve("sleeper.pid");
        if (Files.exists(pid)) { // the first attempt's process outlived the killed server
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
    }

    private JsonNode get(URI base, String path) throws Exception {
        return ApiJson.mapper().readTree(http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aRunInterruptedByKill9ResumesAfterRestart() throws Exception {
        Path config = Files.writeString(dir.resolve("pools.yaml"), "pools:\n  - name: web\n");
        Path admin = Files.writeString(dir.resolve("admin"), ADMIN);
        Path attempts = dir.resolve("attempts.txt");
        Path done = dir.resolve("done.txt");
        Path graph = Files.writeString(dir.resolve("kill.yaml"), """
                name: kill
                tasks:
                  - name: work
                    command: [/bin/sh, -c, "echo $RUNWAY_ATTEMPT >> %s; [ $RUNWAY_ATTEMPT -ge 2 ] && exit 0; echo $$ > %s; exec sleep 600"]
                    retries: 1
                    backoff: {initial: 1s}
                  - name: after
                    command: [/bin/sh, -c, "echo done >> %s"]
                    dependsOn: [work]
                """.formatted(attempts, dir.resolve("sleeper.pid"), done));
        Path state = dir.resolve("state");
        String[] args = {"--admin-token-file", admin.toString(), "--tasks", graph.toString()};
        first = RunwayProcess.start(config, state, dir.resolve("first.log"), args);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(first.baseUri.resolve("/api/v1/tasks/kill/runs"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = ApiJson.mapper().readTree(started.body()).get("id").asText();
        for (int i = 0; i < 1200 && !Files.exists(dir.resolve("sleeper.pid")); i++) { // the first attempt is running
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(dir.resolve("sleeper.pid")).exists();
        first.kill();
        first = null;

        second = RunwayProcess.start(config, state, dir.resolve("second.log"), args);
        JsonNode run = null;
        for (int i = 0; i < 1200; i++) { // waits for the real commands; no timing is asserted
            run = get(second.baseUri, "/api/v1/runs/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
            if (run.path("state").asText().equals("SUCCEEDED") || run.path("state").asText().equals("FAILED")) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/tasks/work/attempt").asInt()).isEqualTo(2);
        assertThat(Files.readAllLines(attempts)).containsExactly("1", "2");
        assertThat(Files.readAllLines(done)).containsExactly("done");
        JsonNode runs = get(second.baseUri, "/api/v1/runs?graph=kill");
        assertThat(runs).hasSize(1);
        assertThat(List.of(runs.get(0).get("id").asText())).containsExactly(id);
    }
}
