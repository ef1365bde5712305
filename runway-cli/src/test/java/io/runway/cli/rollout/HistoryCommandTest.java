package io.runway.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.cli.CliRun;
import io.runway.cli.ExitCodes;
import io.runway.core.fingerprint.Fingerprint;
import io.runway.core.fingerprint.FingerprintLog;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway history}: read-only, and safe to print whatever a spec put in a fingerprint. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingStateDirectoryIsAnErrorAndIsNotCreated() {
        Path typo = dir.resolve("typo");
        CliRun run = CliRun.of("history", "shop", "--state-dir", typo.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).isEqualTo("runway: --state-dir: " + typo + ": no such directory" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(typo).doesNotExist();
    }

    @Test
    void aDirectoryWithoutAStoreIsAnErrorAndGetsNone() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun run = CliRun.of("history", "shop", "--state-dir", empty.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).isEqualTo("runway: --state-dir: " + empty + ": holds no rollout state (no store directory)"
                + System.lineSeparator());
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void fingerprintFieldsAreEscapedSoTheyCannotForgeLinesOrColumns() {
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir.resolve("store"))) {
            new FingerprintLog(store, Clock.systemUTC()).record(new Fingerprint("-", "shop", "v2\u001b[2J",
                    "eve\r\n2026-01-01T00:00:00Z v1 admin", "\u202Eadmin", List.of(), "c0ffee\u0007", "/tmp/app\n.jar",
                    "sha256:00", "r-1795323458830-2fa7", Instant.EPOCH)).join();
        }
        CliRun run = CliRun.of("history", "shop", "--state-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.out()).doesNotContain("\u001b", "\r", "\u202E", "\u0007", "app\n");
        assertThat(run.outLines().get(1)).contains("v2\\u001B[2J", "eve\\u000D\\u000A2026", "\\u202Eadmin", "c0ffee\\u0007",
                "/tmp/app\\u000A.jar sha256:00");
    }
}
