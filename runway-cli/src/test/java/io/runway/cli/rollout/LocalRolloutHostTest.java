package io.runway.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.cli.demo.LoadGenerator;
import io.runway.cli.demo.LoadReport;
import io.runway.core.deploy.Deployment;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole rollouts on the embedded default: real processes, real HTTP through the real router. */
class LocalRolloutHostTest {
    @TempDir
    Path dir;

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService load = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopLoad() {
        load.shutdownNow();
    }

    private static RolloutSpec spec(String v2Args) {
        return io.runway.cli.demo.DemoSpecs.spec("shop", v2Args, """
                strategy:
                  canary:
                    steps:
                      - setWeight: 20
                      - analysis: {duration: 4s}
                      - setWeight: 50
                      - pause: {duration: 1s}
                analysis: {interval: 1s, minimumRequests: 20}
                scaleDownDelay: 1s
                """);
    }

    private RolloutState run(RolloutSpec spec, LocalRolloutHost host) {
        int port = host.router().listen("shop", 0);
        LoadGenerator.Options options = new LoadGenerator.Options(URI.create("http://127.0.0.1:" + port + "/"), 200,
                Duration.ofSeconds(40), 100_000_000, 50, "X-User", 64, Duration.ofSeconds(5));
        CompletableFuture<RolloutState> done = host.rollouts().start(spec).finished();
        CompletableFuture<LoadReport> traffic = new LoadGenerator(options, HttpClient.newHttpClient()).run(load);
        RolloutState end = done.orTimeout(60, TimeUnit.SECONDS).join();
        traffic.cancel(true);
        return end;
    }

    @Test
    void aHealthyCanaryIsPromotedAndTheOldVersionTornDown() {
        try (LocalRolloutHost host = new LocalRolloutHost(dir, (s, line) -> progress.add(line), Duration.ofMillis(100))) {
            RolloutState end = run(spec(""), host);
            assertThat(end.phase()).as(String.join("\n", progress)).isEqualTo(RolloutPhase.PROMOTED);
            assertThat(progress).anyMatch(l -> l.contains("weight 20%"));
            awaitOnlyVersion(host, "v2");
            assertThat(host.rollouts().history("shop")).singleElement()
                    .satisfies(f -> assertThat(f.version()).isEqualTo("v2"))
                    .satisfies(f -> assertThat(f.rolloutId()).isEqualTo(end.id()));
        }
        io.runway.cli.CliRun history = io.runway.cli.CliRun.of("history", "shop", "--state-dir", dir.toString());
        assertThat(history.exitCode()).isZero();
        assertThat(history.outLines()).hasSize(2).last().asString().contains("v2").contains(System.getProperty("user.name"));
    }

    @Test
    void aBadCanaryIsRolledBackAutomaticallyAndTornDown() {
        try (LocalRolloutHost host = new LocalRolloutHost(dir, (s, line) -> progress.add(line), Duration.ofMillis(100))) {
            RolloutState end = run(spec("--error-rate, \"0.3\""), host);
            assertThat(end.phase()).as(String.join("\n", progress)).isEqualTo(RolloutPhase.ROLLED_BACK);
            assertThat(end.reason()).contains("gate failed");
            awaitOnlyVersion(host, "v1");
        }
    }

    @Test
    void aHealthyCanaryJudgedOnMirroredCopiesTooIsPromoted() {
        try (LocalRolloutHost host = new LocalRolloutHost(dir, (s, line) -> progress.add(line), Duration.ofMillis(100))) {
            RolloutSpec spec = edited(spec(""), "mirror: 0", "mirror: 50");
            assertThat(spec.analysis().mirrors()).isTrue();
            RolloutState end = run(spec, host);
            assertThat(end.phase()).as(String.join("\n", progress)).isEqualTo(RolloutPhase.PROMOTED);
            assertThat(progress).anyMatch(l -> l.matches(".*v2: [0-9]+ req, .* \\+ [0-9]+ mirrored, 0\\.00% err .*"));
            awaitOnlyVersion(host, "v2");
        }
    }

    @Test
    void aVersionThatNeverBecomesReadyIsRolledBack() {
        try (LocalRolloutHost host = new LocalRolloutHost(dir, (s, line) -> progress.add(line), Duration.ofMillis(100))) {
            // The readiness timeout is the spec's, for v1 and v2 alike: it must leave a loaded CI machine time to
            // start v1's JVM (2 s did not), while staying short of the default so the test is not slow.
            RolloutSpec spec = edited(spec("--never-ready"), "timeout: 30s", "timeout: 15s");
            RolloutState end = run(spec, host);
            assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
            assertThat(end.reason()).contains("did not become ready");
            awaitOnlyVersion(host, "v1");
        }
    }

    /** {@code spec} with one setting of its YAML form replaced. */
    private static RolloutSpec edited(RolloutSpec spec, String setting, String replacement) {
        String yaml = io.runway.core.spec.SpecMappers.toYaml(spec);
        assertThat(yaml).contains(setting);
        return SpecKind.ROLLOUT.reader().read("x.yaml", yaml.replace(setting, replacement)).orThrow();
    }

    /** Teardown is asynchronous: wait (bounded) until only {@code version} runs. */
    private static void awaitOnlyVersion(LocalRolloutHost host, String version) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> running = versions(host);
        while (!running.equals(List.of(version)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            running = versions(host);
        }
        assertThat(running).containsExactly(version);
    }

    private static List<String> versions(LocalRolloutHost host) {
        return host.deployer().deployments().stream().map(Deployment::version).toList();
    }
}
