package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.cli.CliRun;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.provider.StaticProvider;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.task.LocalCommandLauncher;
import io.runway.core.task.run.TaskScheduler;
import io.runway.core.task.run.TaskSchedulerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task graphs through REST API v1 and the runway tasks commands, on a real server running real commands. */
class TaskApiTest {
    private static final String ADMIN = "task-admin-token";
    private static final String GRAPH = """
            name: etl
            schedule: {cron: "H * * * *", maxActiveRuns: 3}
            tasks:
              - name: extract
                command: [/bin/sh, -c, "echo extracted $RUNWAY_DATA_INTERVAL_END"]
                env: {DB_PASSWORD: hunter2}
              - name: load
                command: [/bin/sh, -c, "echo loaded"]
                dependsOn: [extract]
            """;

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TaskScheduler tasks;
    private RunwayServer server;
    private Path adminFile;

    @BeforeEach
    void start() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        LeaseEngine engine = LeaseEngine.start(ServerFixture.config(), Map.of("static", new StaticProvider()), store,
                Clock.systemUTC(), executor, EngineOptions.DEFAULT);
        tasks = TaskScheduler.recover(store, store.load(), new LocalCommandLauncher(io, executor), Clock.systemUTC(),
                TaskSchedulerOptions.DEFAULTS, (g, l) -> { });
        tasks.register(SpecKind.TASK_GRAPH.reader().read("etl.yaml", GRAPH).orThrow());
        tasks.start(executor);
        server = RunwayServer.start(engine, null, tasks, AdminToken.of(ADMIN), "127.0.0.1", 0);
        adminFile = Files.writeString(dir.resolve("admin"), ADMIN + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
        tasks.close();
        executor.shutdownNow();
        io.shutdownNow();
    }

    private CliRun cli(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "tasks";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--server";
        all[args.length + 2] = server.baseUri().toString();
        return CliRun.of(all);
    }

    private static JsonNode json(String text) throws Exception {
        return ApiJson.mapper().readTree(text);
    }

    @Test
    void listShowRunAndFollowARun() throws Exception {
        JsonNode list = json(cli("list").out());
        assertThat(list.get(0).get("name").asText()).isEqualTo("etl");
        assertThat(list.get(0).get("nextFire").asText()).endsWith(":00Z");
        assertThat(list.get(0).get("tasks").toString()).isEqualTo("[\"extract\",\"load\"]");

        JsonNode shown = json(cli("show", "etl").out());
        assertThat(shown.at("/spec/tasks/0/env/DB_PASSWORD").asText()).isEqualTo("***");
        assertThat(shown.toString()).doesNotContain("hunter2");

        CliRun started = cli("run", "etl", "--admin-token-file", adminFile.toString());
        assertThat(started.exitCode()).as(started.err()).isZero();
        String id = json(started.out()).get("id").asText();
        assertThat(id).startsWith("etl@").endsWith("~manual");

        JsonNode run = null;
        for (int i = 0; i < 600; i++) { // waits for the real commands to end; no timing is asserted
            run = json(cli("run-show", id).out());
            if (run.get("state").asText().equals("SUCCEEDED") || run.get("state").asText().equals("FAILED")) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/tasks/extract/outputTail").asText()).startsWith("extracted ");
        assertThat(run.at("/tasks/load/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.toString()).doesNotContain("hunter2");

        JsonNode runs = json(cli("runs", "--graph", "etl").out());
        assertThat(runs.get(0).get("id").asText()).isEqualTo(id);
    }

    @Test
    void backfillCreatesOneRunPerInstant() throws Exception {
        CliRun b = cli("backfill", "etl", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-01T02:59:00Z",
                "--admin-token-file", adminFile.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        JsonNode created = json(b.out()).get("created");
        assertThat(created).hasSize(3);
        assertThat(created.get(0).get("id").asText()).endsWith("~backfill");
        CliRun again = cli("backfill", "etl", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-01T02:59:00Z",
                "--admin-token-file", adminFile.toString());
        assertThat(json(again.out()).get("created")).isEmpty();
        CliRun bad = cli("backfill", "etl", "--from", "yesterday", "--to", "2026-01-01T02:59:00Z", "--admin-token-file", adminFile.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("\"field\":\"from\"");
        CliRun tooMany = cli("backfill", "etl", "--from", "2020-01-01T00:00:00Z", "--to", "2026-01-01T00:00:00Z", "--admin-token-file",
                adminFile.toString());
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("more than 1000");
    }

    @Test
    void startingWorkNeedsTheAdminTokenAndUnknownNamesAre404() throws Exception {
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/tasks/etl/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(tasks.runs("etl")).isEmpty();
        assertThat(cli("show", "nope").exitCode()).isEqualTo(2);
        assertThat(cli("run-show", "etl@2020-01-01T00:00:00Z").exitCode()).isEqualTo(2);
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/tasks/etl/runs"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        assertThat(URI.create(server.baseUri() + "/api/v1/runs")).isNotNull();
    }
}
