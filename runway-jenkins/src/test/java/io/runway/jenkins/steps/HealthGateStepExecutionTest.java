package io.runway.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import io.runway.core.error.InvalidInputException;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.testing.FakeStepContext;
import io.runway.jenkins.testing.TestHosts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** healthGate against a loopback HTTP server whose health the test sets. */
class HealthGateStepExecutionTest {
    @TempDir
    Path dir;
    private ScheduledExecutorService executor;
    private RunwayHost host;
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws Exception {
        executor = TestHosts.executor();
        host = TestHosts.start(dir, TestHosts.TWO_WEB_HOSTS, Clock.systemUTC(), executor);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", x -> {
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        host.close();
        HostHolder.set(null);
        executor.shutdownNow();
    }

    private HealthGateStep gate() {
        HealthGateStep s = new HealthGateStep("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
        s.setRequests(10);
        s.setInterval("100ms");
        s.setTimeout("60s");
        s.setMinimumRequests(5);
        s.setChecks(2);
        return s;
    }

    private static FakeStepContext run(HealthGateStep s) throws Exception {
        FakeStepContext ctx = new FakeStepContext();
        assertThat(s.start(ctx).start()).isFalse();
        return ctx;
    }

    @Test
    void aHealthyDeploymentPassesWithTheJudgesReason() throws Exception {
        FakeStepContext ctx = run(gate());
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("verdict", "PROMOTE").containsEntry("passed", true);
        assertThat((String) result.get("reason")).isNotBlank();
        assertThat(ctx.record().log()).contains("gate PROMOTE");
    }

    @Test
    void aHealthySequentialGateWithoutErrorsPassesAtItsTimeout() throws Exception {
        HealthGateStep s = gate();
        s.setJudge("sequential");
        s.setBaselineUrl(s.getUrl());
        s.setTimeout("2s"); // ~20 rounds of 10: far below the judge's 2,000-request maximum
        FakeStepContext ctx = run(s);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("verdict", "PROMOTE").containsEntry("passed", true);
        assertThat((String) result.get("reason")).startsWith("no harm seen in PT2S: ");
    }

    @Test
    void aFailingDeploymentFailsTheStep() throws Exception {
        status.set(503);
        FakeStepContext ctx = run(gate());
        assertThat(ctx.awaitFailure()).hasMessageStartingWith("Health gate ROLLBACK:");
    }

    @Test
    void onFailUnstableReturnsTheVerdictAndMarksTheBuild() throws Exception {
        status.set(500);
        HealthGateStep s = gate();
        s.setOnFail("UNSTABLE");
        FakeStepContext ctx = run(s);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ctx.awaitSuccess();
        assertThat(result).containsEntry("verdict", "ROLLBACK").containsEntry("passed", false);
        assertThat(ctx.record().result).isSameAs(Result.UNSTABLE);
    }

    @Test
    void stoppingEndsTheGate() throws Exception {
        HealthGateStep s = gate();
        s.setChecks(1000); // never passes by itself within the test
        FakeStepContext ctx = new FakeStepContext();
        var e = s.start(ctx);
        e.start();
        InterruptedException abort = new InterruptedException("aborted");
        e.stop(abort);
        assertThat(ctx.awaitFailure()).isSameAs(abort);
    }

    @Test
    void aGateResumesAfterARestartWithItsOriginalStartTime() throws Exception {
        HealthGateStep s = gate();
        FakeStepContext ctx = new FakeStepContext();
        HealthGateStepExecution e = (HealthGateStepExecution) s.start(ctx);
        e.start();
        e.halt();
        HealthGateStepExecution copy = (HealthGateStepExecution) LeaseStepExecutionTest.deserialize(LeaseStepExecutionTest.serialize(e));
        copy.onResume();
        assertThat(ctx.awaitSuccess()).isInstanceOf(Map.class);
        assertThat(ctx.record().log()).contains("Controller restarted; judging the gate again");
    }

    @Test
    void badSettingsNameTheirField() {
        HealthGateStep noUrl = new HealthGateStep("");
        assertThatThrownBy(() -> noUrl.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("url"));
        HealthGateStep sequentialWithoutBaseline = gate();
        sequentialWithoutBaseline.setJudge("sequential");
        assertThatThrownBy(() -> sequentialWithoutBaseline.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("baselineUrl"));
        HealthGateStep badInterval = gate();
        badInterval.setInterval("soon");
        assertThatThrownBy(() -> badInterval.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("interval"));
        HealthGateStep badOnFail = gate();
        badOnFail.setOnFail("maybe");
        assertThatThrownBy(() -> badOnFail.start(new FakeStepContext()))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("onFail"));
    }
}
