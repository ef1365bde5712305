package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.cli.CliRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runway serve --tasks} as a real process: a task that requires a local pool scales it up, runs in
 * the new slot with the lease's variables, and its lease is released; a task nothing can serve waits
 * BLOCKED with its reason, visible in the run, in {@code runway tasks run-show} and in /metrics.
 */
class ServePlacedTasksIT {
    private static final String ADMIN = "placed-admin";

    @TempDir
    Path dir;

    private RunwayProcess server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String trigger(String graph) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri.resolve("/api/v1/tasks/" + graph + "/runs"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiJson.mapper().readTree(r.body()).get("id").asText();
    }

    /** Polls the run until the condition holds (the server runs real processes; bounded, no timing assertion). */
    private JsonNode awaitRun(String id, Predicate<JsonNode> condition) throws Exception {
        JsonNode run = null;
        for (int i = 0; i < 1200; i++) {
            run = ApiJson.mapper().readTree(get(server.baseUri, "/api/v1/runs/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8)));
            if (condition.test(run)) {
                return run;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("run " + id + " never got there: " + run);
    }

    @Test
    void aTaskRequiringALocalPoolRunsInItsSlotWithTheLeaseVariables() throws Exception {
        Path config = Files.writeString(dir.resolve("pools.yaml"), """
                pools:
                  - name: build
                    provider: local
                    max: 2
                    template:
                      labels: [linux]
                      attributes: {cpu: 4, region: eu-west-1}
                """);
        Path admin = Files.writeString(dir.resolve("admin"), ADMIN);
        Path env = dir.resolve("env.txt");
        Path graphs = Files.writeString(dir.resolve("graphs.yaml"), """
                name: placed
                tasks:
                  - name: build
                    command: [/bin/sh, -c, "pwd > %s; env >> %s"]
                    requirements:
                      pool: build
                      capability: linux
                      attributes: ["cpu >= 4", "region == eu-west-1"]
                """.formatted(env, env));
        Path stuckGraph = Files.writeString(dir.resolve("stuck.yaml"), """
                name: stuck
                tasks:
                  - name: train
                    command: [/bin/true]
                    requirements:
                      attributes: ["gpu in [a100, h100]"]
                """);
        Path state = dir.resolve("state");
        server = RunwayProcess.start(config, state, dir.resolve("server.log"), "--admin-token-file", admin.toString(),
                "--tasks", graphs.toString(), stuckGraph.toString());

        String id = trigger("placed");
        JsonNode run = awaitRun(id, r -> r.path("state").asText().equals("SUCCEEDED") || r.path("state").asText().equals("FAILED"));
        JsonNode task = run.path("tasks").path("build");
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonNode placement = task.path("placement");
        assertThat(placement.path("state").asText()).isEqualTo("PLACED");
        assertThat(placement.path("resources").get(0).asText()).isEqualTo("build-s1"); // provisioned for this task
        String lease = placement.path("leaseId").asText();
        List<String> lines = Files.readAllLines(env);
        Path slot = state.resolve("slots").resolve("build-s1").toRealPath();
        assertThat(lines.get(0)).isEqualTo(slot.toString());
        assertThat(lines).contains("RUNWAY_LEASE_ID=" + lease, "RUNWAY_FENCING_TOKEN=" + placement.path("fencingToken").asText(),
                "RUNWAY_RESOURCES=build-s1", "RUNWAY_RESOURCE_0_region=eu-west-1", "RUNWAY_RESOURCE_0_cpu=4", "RUNWAY_TASK=build");
        // the lease's audit trail tells the attempt's story, and the lease is released
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 200 && !types.contains("lease.released"); i++) {
            types.clear();
            ApiJson.mapper().readTree(get(server.baseUri, "/api/v1/events?lease=" + lease)).forEach(e -> types.add(e.path("type").asText()));
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(types).containsSubsequence("lease.granted", "task.placed", "task.started", "task.ended", "lease.released");

        String stuck = trigger("stuck");
        JsonNode blocked = awaitRun(stuck, r -> r.path("tasks").path("train").path("placement").path("state").asText().equals("BLOCKED"));
        assertThat(blocked.path("tasks").path("train").path("state").asText()).isEqualTo("PLACED");
        assertThat(blocked.path("tasks").path("train").path("message").asText())
                .startsWith("placement BLOCKED: no resource matches gpu in [a100, h100]");
        CliRun show = CliRun.of("tasks", "run-show", stuck, "--server", server.baseUri.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"placement\"", "BLOCKED").contains("no resource matches gpu in [a100, h100]");
        JsonNode summaries = ApiJson.mapper().readTree(get(server.baseUri, "/api/v1/runs?graph=stuck"));
        assertThat(summaries.get(0).path("waitingForPlacement").path("train").asText()).startsWith("BLOCKED: no resource matches");
        String metrics = get(server.baseUri, "/metrics");
        assertThat(metrics).contains("runway_task_placements_blocked 1.0", "runway_task_runs{state=\"SUCCEEDED\"} 1.0",
                "runway_task_runs{state=\"PLACED\"} 1.0", "runway_task_fire_lag_seconds");
    }
}
