package io.runway.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentRequestTest {
    private static final ReadinessProbe PROBE = ReadinessProbe.http("/health");

    private static DeploymentRequest with(List<String> command, Map<String, String> env) {
        return new DeploymentRequest("shop", "v1.2.3", "rollout-42", command, env, null, PROBE, Duration.ofSeconds(30));
    }

    private static String fieldOf(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.field();
        }
        throw new AssertionError("expected InvalidInputException");
    }

    @Test
    void acceptsAPlainRequestAndCopiesItsCollections() {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", "app.jar", "--port", "${port}"));
        DeploymentRequest r = with(command, Map.of("PORT", "${port}"));
        command.add("--later");
        assertThat(r.command()).hasSize(5);
        assertThatThrownBy(() -> r.command().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThat(fieldOf(() -> new DeploymentRequest("Shop!", "v1", "o", List.of("a"), Map.of(), null, PROBE,
                Duration.ofSeconds(1)))).isEqualTo("service");
        assertThat(fieldOf(() -> new DeploymentRequest("shop", "../v1", "o", List.of("a"), Map.of(), null, PROBE,
                Duration.ofSeconds(1)))).isEqualTo("version");
        assertThat(fieldOf(() -> new DeploymentRequest("shop", "v1", "", List.of("a"), Map.of(), null, PROBE,
                Duration.ofSeconds(1)))).isEqualTo("ownerId");
        assertThat(fieldOf(() -> new DeploymentRequest("shop", "v1", "o", List.of("a"), Map.of(), Path.of("rel"), PROBE,
                Duration.ofSeconds(1)))).isEqualTo("workingDirectory");
        assertThat(fieldOf(() -> new DeploymentRequest("shop", "v1", "o", List.of("a"), Map.of(), null, PROBE,
                Duration.ofHours(2)))).isEqualTo("readyTimeout");
        assertThat(fieldOf(() -> new ReadinessProbe("http://evil/health", Duration.ofSeconds(1), Duration.ofSeconds(1))))
                .isEqualTo("readiness.path");
        assertThat(fieldOf(() -> new ReadinessProbe("/h", Duration.ZERO, Duration.ofSeconds(1)))).isEqualTo("readiness.interval");
        assertThat(fieldOf(() -> with(List.of(), Map.of()))).isEqualTo("command");
        assertThat(fieldOf(() -> with(List.of(" "), Map.of()))).isEqualTo("command[0]");
        assertThat(fieldOf(() -> with(List.of("a", "${home}"), Map.of()))).isEqualTo("command[1]");
        assertThat(fieldOf(() -> with(List.of("a"), Map.of("X", "${nope}")))).isEqualTo("environment.X");
    }

    @Test
    void aProbePathCannotNameAnotherHost() {
        for (String path : List.of("//127.0.0.1:18080/api/v1/health", "//evil", "///health", "/health%zz")) {
            assertThat(fieldOf(() -> new ReadinessProbe(path, Duration.ofSeconds(1), Duration.ofSeconds(1))))
                    .as(path).isEqualTo("readiness.path");
        }
        assertThat(ReadinessProbe.pathProblem("/api//health")).isNull();
    }

    @Test
    void theProbeTargetIsTheEndpointsHostAndPortWithThePath() {
        URI endpoint = URI.create("http://127.0.0.1:9001");
        assertThat(ReadinessProbe.http("/health").target(endpoint)).isEqualTo(URI.create("http://127.0.0.1:9001/health"));
        assertThat(ReadinessProbe.http("/a//b?x=%2F&y=@h:1").target(endpoint))
                .satisfies(u -> {
                    assertThat(u.getHost()).isEqualTo("127.0.0.1");
                    assertThat(u.getPort()).isEqualTo(9001);
                    assertThat(u.getRawPath()).isEqualTo("/a//b");
                    assertThat(u.getRawQuery()).isEqualTo("x=%2F&y=@h:1");
                });
        assertThat(ReadinessProbe.http("/health").target(URI.create("http://[::1]:9002/base?q#f")))
                .isEqualTo(URI.create("http://[::1]:9002/health"));
    }

    @Test
    void rejectsHostileEnvironmentNames() {
        for (String key : List.of("A=B", "1ABC", "LD PRELOAD", "", "X\0Y")) {
            Map<String, String> env = new HashMap<>();
            env.put(key, "v");
            assertThat(fieldOf(() -> with(List.of("a"), env))).as(key).isEqualTo("environment");
        }
    }

    @Test
    void rejectsAbsurdSizes() {
        assertThatThrownBy(() -> with(Collections.nCopies(257, "a"), Map.of()))
                .hasMessageContaining("at most 256 arguments");
        assertThat(fieldOf(() -> with(List.of("a", "x".repeat(65_537)), Map.of()))).isEqualTo("command[1]");
        assertThatThrownBy(() -> with(Collections.nCopies(20, "y".repeat(14_000)), Map.of()))
                .hasMessageContaining("at most 262144 characters in all");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 129; i++) {
            many.put("K" + i, "v");
        }
        assertThat(fieldOf(() -> with(List.of("a"), many))).isEqualTo("environment");
        assertThat(fieldOf(() -> with(List.of("a", "nul\0byte"), Map.of()))).isEqualTo("command[1]");
    }
}
