package io.runway.jenkins.testing;

import io.runway.core.deploy.local.TestVersionMain;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.jenkins.host.RunwayHost;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Rollouts of core's small test server ({@link TestVersionMain}) on the local provider. */
public final class TestRollouts {
    private TestRollouts() {}

    /** deploy: the test server in a small JVM, ready when GET /health answers. */
    public static Map<String, Object> deploy() {
        List<Object> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx48m", "-cp", testClasses(),
                TestVersionMain.class.getName(), "--port", "${port}", "--version", "${version}"));
        Map<String, Object> deploy = new LinkedHashMap<>();
        deploy.put("command", command);
        deploy.put("readiness", Map.of("path", "/health", "timeout", "60s", "interval", "100ms"));
        return deploy;
    }

    /** strategy: half the traffic to the new version, then pause until someone promotes or aborts. */
    public static Map<String, Object> pauseAtHalf() {
        return Map.of("canary", Map.of("steps", List.of(Map.of("setWeight", 50), Map.of("pause", Map.of()))));
    }

    static String testClasses() {
        try {
            return Path.of(TestVersionMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most 60 s) until rollout {@code id} is in {@code phase}; driven by its progress, no polling. */
    public static RolloutState awaitPhase(RunwayHost host, String id, RolloutPhase phase) throws Exception {
        CompletableFuture<RolloutState> reached = new CompletableFuture<>();
        Runnable stop = host.progress().follow(id, line -> {
            RolloutState s = host.rollouts().get(id).state();
            if (s.phase() == phase) {
                reached.complete(s);
            }
        });
        try {
            RolloutState now = host.rollouts().get(id).state();
            if (now.phase() == phase) {
                return now;
            }
            return reached.get(60, TimeUnit.SECONDS);
        } finally {
            stop.run();
        }
    }
}
