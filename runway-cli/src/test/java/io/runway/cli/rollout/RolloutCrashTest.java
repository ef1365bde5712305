package io.runway.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.deploy.Deployment;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollouts when things break: a crashing version, runway itself killed -9, promote and abort racing. */
class RolloutCrashTest {
    @TempDir
    Path dir;

    private static String spec(String v2Args, String steps, String extra) {
        return io.runway.cli.demo.DemoSpecs.yaml("shop", v2Args, """
                strategy:
                  canary:
                    steps: %s
                analysis: {interval: 1s}
                scaleDownDelay: 1s
                """.formatted(steps) + extra);
    }

    private static io.runway.core.rollout.spec.RolloutSpec read(String yaml) {
        return io.runway.core.spec.SpecKind.ROLLOUT.reader().read("crash.yaml", yaml).orThrow();
    }

    @Test
    void aVersionThatCrashesMidStepIsRolledBack() {
        try (LocalRolloutHost host = new LocalRolloutHost(dir, (s, l) -> { }, Duration.ofMillis(100))) {
            host.router().listen("shop", 0);
            RolloutState end = host.rollouts().start(read(spec("--crash-after, 2s", "[{setWeight: 10}, {pause: {}}]", "")))
                    .finished().orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
            assertThat(end.reason()).contains("v2 stopped").contains("exited");
        }
    }

    @Test
    void promoteAndAbortRacingEndInOneConsistentResult() throws Exception {
        try (LocalRolloutHost host = new LocalRolloutHost(dir, (s, l) -> { }, Duration.ofMillis(50))) {
            host.router().listen("shop", 0);
            RolloutController rollout = host.rollouts().start(read(spec("", "[{setWeight: 10}, {pause: {}}]", "")));
            awaitPhase(rollout, RolloutPhase.PAUSED);
            ExecutorService racers = Executors.newFixedThreadPool(8);
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String who = "user-" + i;
                calls.add(CompletableFuture.supplyAsync(() -> i2(who) ? rollout.promote(who) : rollout.abort(who), racers));
            }
            calls.forEach(CompletableFuture::join);
            racers.shutdown();
            RolloutState end = rollout.finished().orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(end.phase()).isIn(RolloutPhase.PROMOTED, RolloutPhase.ROLLED_BACK);
            String winner = end.phase() == RolloutPhase.PROMOTED ? "v2" : "v1";
            awaitVersions(host, List.of(winner));
            // Asking again after the end changes nothing.
            assertThat(rollout.abort("late").join().phase()).isEqualTo(end.phase());
            assertThat(rollout.promote("late").join().phase()).isEqualTo(end.phase());
        }
    }

    private static boolean i2(String who) {
        return Integer.parseInt(who.substring(5)) % 2 == 0;
    }

    @Test
    void aRolloutSurvivesKill9OfRunwayAndIsResumed() throws Exception {
        Path specFile = dir.resolve("rollout.yaml");
        Files.writeString(specFile, spec("", "[{setWeight: 5}, {pause: {}}, {setWeight: 50}]", ""));
        Path state = dir.resolve("state");
        Process runway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.runway.cli.RunwayCommand", "rollout",
                "-f", specFile.toString(), "--state-dir", state.toString()).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(runway.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.contains("paused until promoted")) {
                // read until the rollout is paused with 5% on the new version
            }
            assertThat(line).as("the rollout reached its pause").isNotNull();
            runway.toHandle().destroyForcibly();
            runway.waitFor(30, TimeUnit.SECONDS);
        }
        try (LocalRolloutHost host = new LocalRolloutHost(state, (s, l) -> { }, Duration.ofMillis(100))) {
            host.router().listen("shop", 0);
            List<RolloutController> resumed = host.rollouts().recover();
            assertThat(resumed).hasSize(1);
            RolloutController rollout = resumed.get(0);
            assertThat(rollout.state().phase()).isEqualTo(RolloutPhase.PAUSED);
            assertThat(rollout.state().canaryWeightBp()).isEqualTo(500);
            // The versions the killed runway started were adopted, not restarted.
            assertThat(host.deployer().deployments()).extracting(Deployment::version).containsExactlyInAnyOrder("v1", "v2");
            rollout.promote("alice");
            RolloutState end = rollout.finished().orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(end.phase()).isEqualTo(RolloutPhase.PROMOTED);
            awaitVersions(host, List.of("v2"));
        }
    }

    @Test
    void versionsReadyInTheJournalButNotInTheRolloutAreAdoptedAfterARestart() throws Exception {
        Path stateDir = dir.resolve("state");
        io.runway.core.rollout.spec.RolloutSpec spec = read(spec("", "[{setWeight: 5}, {pause: {}}]", ""));
        List<String> before;
        String id;
        try (io.runway.core.store.embedded.EmbeddedStateStore store =
                     io.runway.core.store.embedded.EmbeddedStateStore.open(stateDir.resolve("store"))) {
            LocalRolloutHost first = LocalRolloutHost.onStore(store, stateDir, (s, l) -> { }, Duration.ofMillis(50));
            first.router().listen("shop", 0);
            RolloutController rollout = first.rollouts().start(spec);
            awaitPhase(rollout, RolloutPhase.PAUSED);
            id = rollout.state().id();
            before = first.deployer().deployments().stream().map(Deployment::id).sorted().toList();
            first.close(); // a host on a shared store leaves its versions running, as a crash would
            // The crash window: the provider's journal has both versions ready, the rollout state does not.
            io.runway.core.store.DocumentRecord doc = store.load()
                    .documents(io.runway.core.rollout.control.RolloutDocuments.KIND).get(id);
            RolloutState rewound = RolloutState.start(id, spec, rollout.state().createdAt());
            store.commit(io.runway.core.store.StoreBatch.ofDocuments(List.of(
                    io.runway.core.rollout.control.RolloutDocuments.write(rewound, doc.version() + 1)))).join();
        }
        assertThat(before).hasSize(2);
        try (LocalRolloutHost host = new LocalRolloutHost(stateDir, (s, l) -> { }, Duration.ofMillis(50))) {
            RolloutController rollout = host.recover().get(0);
            awaitPhase(rollout, RolloutPhase.PAUSED);
            assertThat(host.deployer().deployments()).extracting(Deployment::id).containsExactlyInAnyOrderElementsOf(before);
            assertThat(rollout.state().deployments().values()).extracting(d -> d.deploymentId())
                    .containsExactlyInAnyOrderElementsOf(before);
        }
    }

    private static void awaitPhase(RolloutController rollout, RolloutPhase phase) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rollout.state().phase() != phase && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(rollout.state().phase()).isEqualTo(phase);
    }

    private static void awaitVersions(LocalRolloutHost host, List<String> versions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!host.deployer().deployments().stream().map(Deployment::version).toList().equals(versions)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(host.deployer().deployments()).extracting(Deployment::version).isEqualTo(versions);
    }
}
