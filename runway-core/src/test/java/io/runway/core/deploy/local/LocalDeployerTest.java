package io.runway.core.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentFailedException;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.DeploymentState;
import io.runway.core.deploy.ReadinessProbe;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.NotFoundException;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.store.memory.InMemoryStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starts real (small) processes; every wait is bounded. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalDeployerTest {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private ScheduledExecutorService scheduler;
    private final List<Long> pidsToReap = new ArrayList<>();
    private final List<StateStore> stores = new ArrayList<>();

    @BeforeEach
    void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // safety net
        stores.forEach(StateStore::close);
        scheduler.shutdownNow();
    }

    private LocalDeployer deployer(StateStore store) {
        return deployer(store, Duration.ofSeconds(5));
    }

    private LocalDeployer deployer(StateStore store, Duration grace) {
        stores.add(store);
        return new LocalDeployer(store, scheduler, Clock.systemUTC(),
                LocalDeployerOptions.defaults(dir.resolve("logs")).withStopGrace(grace));
    }

    private Deployment deploy(LocalDeployer deployer, DeploymentRequest request) {
        Deployment d = deployer.deploy(request).orTimeout(90, TimeUnit.SECONDS).join();
        pidsToReap.add(d.pid());
        return d;
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessLiveness::isRunning).orElse(false);
    }

    @Test
    void deploysAVersionThatAnswersAndUndeploysIt() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        LocalDeployer deployer = deployer(store);

        Deployment d = deploy(deployer, TestProcesses.request("rollout-1", "v7", READY));

        assertThat(d.state()).isEqualTo(DeploymentState.READY);
        assertThat(d.endpoint().toString()).startsWith("http://127.0.0.1:");
        assertThat(d.processStart()).isNotNull();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(d.endpoint().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"version\":\"v7\"}");
        assertThat(store.load().documents("deployment").get(d.id()).body()).contains("\"READY\"", "\"pid\":" + d.pid());
        assertThat(deployer.deployments()).containsExactly(d);

        deployer.undeploy(d.id()).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(running(d.pid())).isFalse();
        assertThat(store.load().documents("deployment")).isEmpty();
        assertThat(deployer.deployments()).isEmpty();
        assertThatThrownBy(() -> deployer.undeploy(d.id()).join()).hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void aVersionThatNeverBecomesReadyFailsWithItsLogTailAndLeavesNothing() {
        InMemoryStateStore store = new InMemoryStateStore();
        LocalDeployer deployer = deployer(store);

        CompletableFuture<Deployment> deploying =
                deployer.deploy(TestProcesses.request("rollout-1", "v2", Duration.ofSeconds(4), "--never-ready"));

        assertThatThrownBy(() -> deploying.orTimeout(60, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(DeploymentFailedException.class)
                .hasMessageContaining("did not answer GET http://127.0.0.1:")
                .hasMessageContaining("within 4000ms");
        String message = deploying.handle((d, e) -> e.getCause().getMessage()).join();
        long pid = pidInLog(message);
        pidsToReap.add(pid);
        assertThat(running(pid)).isFalse();
        assertThat(store.load().documents("deployment")).isEmpty();
        assertThat(deployer.deployments()).isEmpty();
    }

    @Test
    void aVersionThatCrashesWhileStartingIsReported() {
        InMemoryStateStore store = new InMemoryStateStore();
        LocalDeployer deployer = deployer(store);

        CompletableFuture<Deployment> deploying = deployer.deploy(TestProcesses.request("rollout-1", "v3", READY,
                "--never-ready", "--exit-after-ms", "300"));

        assertThatThrownBy(() -> deploying.orTimeout(60, TimeUnit.SECONDS).join())
                .cause().isInstanceOf(DeploymentFailedException.class)
                .hasMessageContaining("exited with code 3 before it was ready")
                .hasMessageContaining("crashing on purpose");
        assertThat(store.load().documents("deployment")).isEmpty();
    }

    @Test
    void hostileArgumentsReachTheProgramLiterallyNeverAShell() {
        Path marker = dir.resolve("pwned");
        String hostile = "; touch " + marker + " && echo $(touch " + marker + ") `touch " + marker + "` | cat > " + marker;
        DeploymentRequest request = new DeploymentRequest("shop", "v1", "rollout-1", List.of("echo", hostile),
                Map.of("EVIL", "$(touch " + marker + ")"), null, ReadinessProbe.http("/health"), Duration.ofSeconds(5));

        CompletableFuture<Deployment> deploying = deployer(new InMemoryStateStore()).deploy(request);

        // echo prints its one argument verbatim and exits, so the failure quotes it back.
        assertThatThrownBy(() -> deploying.orTimeout(30, TimeUnit.SECONDS).join())
                .cause().isInstanceOf(DeploymentFailedException.class)
                .hasMessageContaining(hostile);
        assertThat(marker).doesNotExist();
    }

    @Test
    void undeployStopsTheWholeTreeEvenWhenTheParentIgnoresSigterm() {
        LocalDeployer deployer = deployer(new InMemoryStateStore(), Duration.ofMillis(500));
        Deployment d = deploy(deployer, TestProcesses.request("rollout-1", "v1", READY, "--spawn-child", "--stubborn"));
        List<ProcessHandle> children = ProcessHandle.of(d.pid()).orElseThrow().children().toList();
        children.forEach(c -> pidsToReap.add(c.pid()));
        assertThat(children).isNotEmpty();

        deployer.undeploy(d.id()).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(running(d.pid())).isFalse();
        assertThat(children).noneMatch(ProcessLiveness::isRunning);
        assertThat(LogTail.read(dir.resolve("logs").resolve(d.id() + ".log"), 5)).contains("ignoring SIGTERM");
    }

    @Test
    void aRestartedDeployerReadoptsLiveDeploymentsFromTheEmbeddedStore() {
        Path state = dir.resolve("state");
        EmbeddedStateStore first = EmbeddedStateStore.open(state);
        Deployment d = deploy(deployer(first), TestProcesses.request("rollout-1", "v1", READY));
        stores.remove(first);
        first.close();

        LocalDeployer restarted = deployer(EmbeddedStateStore.open(state));
        RecoveryReport report = restarted.recover().orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(report.adopted()).containsExactly(d.id());
        assertThat(restarted.deployments()).containsExactly(d);
        restarted.undeploy(d.id()).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(running(d.pid())).isFalse();
    }

    @Test
    void sweepRemovesOnlyDeploymentsOfDeadOwners() {
        LocalDeployer deployer = deployer(new InMemoryStateStore());
        Deployment live = deploy(deployer, TestProcesses.request("rollout-live", "v1", READY));
        Deployment dead = deploy(deployer, TestProcesses.request("rollout-dead", "v2", READY));

        SweepReport report = deployer.sweep(owner -> owner.equals("rollout-live")).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(report.removed()).containsExactly(dead.id());
        assertThat(report.kept()).containsExactly(live.id());
        assertThat(report.failed()).isEmpty();
        assertThat(running(dead.pid())).isFalse();
        assertThat(running(live.pid())).isTrue();
        assertThat(deployer.deployments()).extracting(Deployment::id).containsExactly(live.id());
    }

    @Test
    void afterKillMinus9OfItsHostANewDeployerFindsAndStopsTheOrphans() throws Exception {
        Path state = dir.resolve("state");
        List<String> command = TestProcesses.javaCommand(System.getProperty("java.class.path"), DeployerDriverMain.class,
                state.toString(), dir.resolve("logs").toString());
        Process driver = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Long> pids;
        try {
            pids = CompletableFuture.supplyAsync(() -> readPids(driver), scheduler).get(90, TimeUnit.SECONDS);
            pidsToReap.addAll(pids);
        } finally {
            driver.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(pids).hasSize(2).allMatch(LocalDeployerTest::running);

        LocalDeployer successor = deployer(EmbeddedStateStore.open(state));
        RecoveryReport recovered = successor.recover().orTimeout(30, TimeUnit.SECONDS).join();
        SweepReport swept = successor.sweep(owner -> false).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(recovered.adopted()).hasSize(2);
        assertThat(swept.removed()).hasSize(2);
        assertThat(pids).noneMatch(LocalDeployerTest::running);
        assertThat(successor.deployments()).isEmpty();
    }

    @Test
    void recoveryStopsAProcessWhosePidNeverReachedTheStoreAndCleansDeadRecords() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        DeploymentJournal journal = new DeploymentJournal(store);
        java.time.Instant intentAt = Clock.systemUTC().instant();
        List<String> command = List.of("sleep", "3001");
        journal.put(new DeploymentEntry("shop-intent", "shop", "v1", "r", 1, DeploymentState.STARTING, 0, null, command,
                "x.log", intentAt)).join();
        journal.put(new DeploymentEntry("shop-gone", "shop", "v1", "r", 2, DeploymentState.READY, Integer.MAX_VALUE,
                intentAt, List.of("sleep", "1"), "y.log", intentAt)).join();
        Process orphan = new ProcessBuilder(command).start(); // as if we crashed right after starting it
        pidsToReap.add(orphan.pid());

        RecoveryReport report = deployer(store).recover().orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(report.stopped()).containsExactly("shop-intent");
        assertThat(report.cleaned()).containsExactly("shop-gone");
        assertThat(running(orphan.pid())).isFalse();
        assertThat(store.load().documents("deployment")).isEmpty();
    }

    private static List<Long> readPids(Process driver) {
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals("deployed"); line = out.readLine()) {
                if (line.startsWith("pid ")) {
                    pids.add(Long.parseLong(line.substring(4).trim()));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return pids;
    }

    private static long pidInLog(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pid (\\d+) version").matcher(message);
        assertThat(m.find()).as("the log tail names the pid: %s", message).isTrue();
        return Long.parseLong(m.group(1));
    }
}
