package io.runway.core.deploy.local;

import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.ReadinessProbe;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Requests that start {@link TestVersionMain} in a small JVM. */
final class TestProcesses {
    private TestProcesses() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A JVM kept small and quick to start: the machine is shared. */
    static List<String> javaCommand(String classpath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx48m", "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The test-classes directory: all TestVersionMain needs besides the JDK. */
    static String testClasses() {
        try {
            return Path.of(TestVersionMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static DeploymentRequest request(String owner, String version, Duration readyTimeout, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--port", "${port}", "--version", "${version}"));
        args.addAll(List.of(extraArgs));
        return new DeploymentRequest("shop", version, owner,
                javaCommand(testClasses(), TestVersionMain.class, args.toArray(String[]::new)), Map.of(), null,
                new ReadinessProbe("/health", Duration.ofMillis(100), Duration.ofSeconds(1)), readyTimeout);
    }
}
