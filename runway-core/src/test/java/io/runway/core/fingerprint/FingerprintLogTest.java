package io.runway.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintLogTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    private static Fingerprint draft(String service, String version, String digest) {
        return new Fingerprint("-", service, version, "alice", "deployer", List.of("Rollout"), "abc123",
                digest == null ? null : "app.jar", digest, "r-1", java.time.Instant.EPOCH);
    }

    @Test
    void historyIsNewestFirstPerServiceAndSurvivesARestart() {
        Path state = dir.resolve("state");
        try (EmbeddedStateStore store = EmbeddedStateStore.open(state)) {
            FingerprintLog log = new FingerprintLog(store, clock);
            log.record(draft("checkout", "v1", null)).join();
            clock.advance(Duration.ofMinutes(5));
            log.record(draft("checkout", "v2", "sha256:00ff")).join();
            log.record(draft("search", "v9", null)).join();
        }
        try (EmbeddedStateStore store = EmbeddedStateStore.open(state)) {
            List<Fingerprint> history = new FingerprintLog(store, clock).history("checkout");
            assertThat(history).extracting(Fingerprint::version).containsExactly("v2", "v1");
            Fingerprint latest = history.get(0);
            assertThat(latest.deployedBy()).isEqualTo("alice");
            assertThat(latest.artifactDigest()).isEqualTo("sha256:00ff");
            assertThat(latest.permissions()).containsExactly("Rollout");
            assertThat(latest.at()).isEqualTo(clock.instant());
            assertThat(latest.id()).startsWith("f-");
        }
    }

    @Test
    void digestsAnArtifactWithSha256() throws Exception {
        Path artifact = dir.resolve("app.jar");
        Files.writeString(artifact, "abc", StandardCharsets.UTF_8);
        assertThat(ArtifactDigest.of(artifact, "fingerprint.artifact"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> ArtifactDigest.of(dir.resolve("missing.jar"), "fingerprint.artifact"))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("fingerprint.artifact");
    }

    @Test
    void anArtifactThatIsNoPathIsInvalidInputNamedByItsField() {
        assertThatThrownBy(() -> ArtifactDigest.of("build/app\0.jar", "fingerprint.artifact"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a valid path")
                .extracting("field").isEqualTo("fingerprint.artifact");
        assertThatThrownBy(() -> ArtifactDigest.of(dir.resolve("x".repeat(70_000)).toString(), "fingerprint.artifact"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }
}
