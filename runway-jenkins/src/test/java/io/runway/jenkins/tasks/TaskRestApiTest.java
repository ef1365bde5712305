package io.runway.jenkins.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.api.ApiViews;
import io.runway.core.api.TaskViews;
import io.runway.core.task.run.TaskSchedulerOptions;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.api.ApiResponse;
import io.runway.jenkins.api.Caller;
import io.runway.jenkins.api.RestApiV1;
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

/** Task graphs and runs under /runway/api/v1/, with the same JSON as runway serve (core's TaskViews). */
class TaskRestApiTest {
    private static final Caller READER = new Caller("bob", true, false, false, false);
    private static final Caller ADMIN = new Caller("root", true, true, true, true);
    private static final String GRAPHS = """
            name: nightly
            schedule: {cron: "0 2 * * *", timezone: UTC}
            tasks:
              - {name: extract, job: etl/extract, env: {SECRET: hunter2}, requirements: {pool: web}}
              - {name: load, job: etl/load, dependsOn: [extract]}
            """;

    @TempDir
    Path dir;
    private ScheduledExecutorService executor;
    private RunwayHost host;
    private RestApiV1 api;
    private final FakeJobTrigger jobs = new FakeJobTrigger("etl/extract", "etl/load");

    @BeforeEach
    void start() {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, MutableClock.at("2026-01-01T00:00:00Z"), executor);
        host.startTasks(TaskGraphsText.read(GRAPHS), new JobTaskLauncher(HostHolder::getOrNull, jobs, Duration.ofMinutes(10)),
                TaskSchedulerOptions.DEFAULTS, (g, line) -> { });
        api = new RestApiV1(host, Duration.ofHours(8));
    }

    @AfterEach
    void stop() {
        host.close();
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private ApiResponse call(String method, String path, String query, String body, Caller caller) {
        return api.handle(method, path, query, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null, caller);
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return ApiViews.mapper().readTree(r.json());
    }

    @Test
    void graphsAreListedAndShownAsRunwayServeShowsThem() throws Exception {
        ApiResponse list = call("GET", "/tasks", null, null, READER);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).isEqualTo(ApiViews.write(TaskViews.graphs(host.tasks())));
        JsonNode g = json(list).get(0);
        assertThat(g.get("name").asText()).isEqualTo("nightly");
        assertThat(g.get("nextFire").asText()).isEqualTo("2026-01-01T02:00:00Z");

        ApiResponse shown = call("GET", "/tasks/nightly", null, null, READER);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(json(shown).at("/spec/tasks/0/job").asText()).isEqualTo("etl/extract");
        assertThat(shown.json()).doesNotContain("hunter2").contains("***");
        assertThat(call("GET", "/tasks/nope", null, null, READER).status()).isEqualTo(404);
    }

    @Test
    void runNowAndBackfillNeedAdministerAndAreShownAsRuns() throws Exception {
        assertThat(call("POST", "/tasks/nightly/runs", null, null, READER).status()).isEqualTo(403);
        assertThat(call("GET", "/tasks/nightly/runs", null, null, ADMIN).status()).isEqualTo(405);

        ApiResponse run = call("POST", "/tasks/nightly/runs", null, null, ADMIN);
        assertThat(run.status()).isEqualTo(201);
        String id = json(run).get("id").asText();
        assertThat(json(call("GET", "/runs/" + id, null, null, READER)).get("graph").asText()).isEqualTo("nightly");
        assertThat(call("GET", "/runs/" + id, null, null, READER).json()).doesNotContain("hunter2");

        ApiResponse backfill = call("POST", "/tasks/nightly/backfill", null,
                "{\"from\":\"2025-12-29T00:00:00Z\",\"to\":\"2025-12-31T23:59:59Z\"}", ADMIN);
        assertThat(backfill.status()).isEqualTo(201);
        assertThat(json(backfill).get("created")).hasSize(3);
        assertThat(json(call("GET", "/runs", "graph=nightly", null, READER))).hasSize(4);
        ApiResponse bad = call("POST", "/tasks/nightly/backfill", null, "{\"from\":\"yesterday\",\"to\":\"2025-12-31T00:00:00Z\"}", ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("from");
        assertThat(call("GET", "/runs/nope", null, null, READER).status()).isEqualTo(404);
    }
}
