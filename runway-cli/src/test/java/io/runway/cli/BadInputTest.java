package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the command line ends in one line on stderr that names the option, field or file, exit 2,
 * no stack trace, and nothing created.
 */
class BadInputTest {
    private static final String NO_SERVER = "http://127.0.0.1:1";

    @TempDir
    Path dir;

    private Path rolloutSpec(String extra) throws IOException {
        return Files.writeString(dir.resolve("rollout.yaml"), io.runway.cli.demo.DemoSpecs.yaml("shop", "", """
                strategy:
                  canary:
                    steps: [{setWeight: 50}]
                """ + extra));
    }

    private static void assertOneLine(CliRun run, String line) {
        assertThat(run.err()).isEqualTo(line + System.lineSeparator());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void anArtifactThatCannotBeReadNamesTheFieldAndStartsNothing() throws IOException {
        Path missing = dir.resolve("nonexistent").resolve("file.jar");
        Path spec = rolloutSpec("fingerprint: {artifact: " + missing + "}\n");
        CliRun run = CliRun.of("rollout", "-f", spec.toString(), "--state-dir", dir.resolve("state").toString());
        assertOneLine(run, "runway: fingerprint.artifact: artifact " + missing + " is not a readable file");
        assertThat(run.out()).doesNotContain("routing");
    }

    @Test
    void aPortOutOfRangeIsRefusedByNameBeforeAnythingIsCreated() throws IOException {
        Path spec = rolloutSpec("");
        Path state = dir.resolve("state");
        assertOneLine(CliRun.of("rollout", "-f", spec.toString(), "--state-dir", state.toString(), "--port", "99999"),
                "runway: --port: must be a TCP port from 0 to 65535 (0: any free port), not 99999");
        assertOneLine(CliRun.of("rollout", "-f", spec.toString(), "--state-dir", state.toString(), "--preview-port", "-1"),
                "runway: --preview-port: must be a TCP port from 0 to 65535 (0: any free port), not -1");
        Path config = Files.writeString(dir.resolve("pools.yaml"), "pools:\n  - name: web\n    resources:\n      - name: web-1\n");
        assertOneLine(CliRun.of("serve", "--config", config.toString(), "--state-dir", state.toString(), "--port", "99999"),
                "runway: --port: must be a TCP port from 0 to 65535 (0: any free port), not 99999");
        assertThat(state).doesNotExist();
    }

    @Test
    void aPortTakenByAnotherProgramStopsServeBeforeItOpensItsState() throws IOException {
        Path config = Files.writeString(dir.resolve("pools.yaml"), "pools:\n  - name: web\n    resources:\n      - name: web-1\n");
        Path state = dir.resolve("state");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--config", config.toString(), "--state-dir", state.toString(),
                    "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(run.err()).startsWith("runway serve: --port: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
        assertThat(state).doesNotExist();
    }

    @Test
    void aStateDirThatIsARegularFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("state"), "not a directory");
        assertOneLine(CliRun.of("rollout", "-f", rolloutSpec("").toString(), "--state-dir", file.toString()),
                "runway: --state-dir: " + file + ": not a directory");
        assertOneLine(CliRun.of("history", "shop", "--state-dir", file.toString()),
                "runway: --state-dir: " + file + ": not a directory");
    }

    @Test
    void tokenFilesThatCannotBeReadAreNamed() {
        Path missing = dir.resolve("nonexistent");
        assertOneLine(CliRun.of("lease", "release", "l-1", "--server", NO_SERVER, "--token-file", missing.toString()),
                "runway: --token-file: " + missing + ": no such file");
        assertOneLine(CliRun.of("lease", "renew", "l-1", "--ttl", "1m", "--server", NO_SERVER, "--token-file", dir.toString()),
                "runway: --token-file: " + dir + ": is a directory, not a file");
        assertOneLine(CliRun.of("lease", "release", "l-1", "--server", NO_SERVER, "--admin-token-file", dir.toString()),
                "runway: --admin-token-file: " + dir + ": is a directory, not a file");
        assertOneLine(CliRun.of("tasks", "run", "etl", "--server", NO_SERVER, "--admin-token-file", missing.toString()),
                "runway: --admin-token-file: " + missing + ": no such file");
    }

    @Test
    void aTokenFileIsReadOnlyUpToItsLimit() throws IOException {
        Path huge = Files.write(dir.resolve("huge"), new byte[TokenFile.MAX_BYTES + 1]);
        assertOneLine(CliRun.of("lease", "release", "l-1", "--server", NO_SERVER, "--token-file", huge.toString()),
                "runway: --token-file: " + huge + ": longer than 8192 bytes; a token file holds one token");
        // Read before any request: the wrong file is named, not reported as an unreachable server.
        assertOneLine(CliRun.of("abort", "r-1795323458830-2fa7", "--server", NO_SERVER, "--admin-token-file", huge.toString()),
                "runway: --admin-token-file: " + huge + ": longer than 8192 bytes; a token file holds one token");
        assertOneLine(CliRun.of("rollout", "-f", rolloutSpec("").toString(), "--server", NO_SERVER,
                "--admin-token-file", huge.toString()),
                "runway: --admin-token-file: " + huge + ": longer than 8192 bytes; a token file holds one token");
    }

    @Test
    void helpIsShownWhateverTheOtherOptionsSay() {
        CliRun run = CliRun.of("rollout", "--port", "99999", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Usage: runway rollout");
    }

    @Test
    void validateReadsADeviceWithABound() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        CliRun run = CliRun.of("validate", zero.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.outLines()).containsExactly("/dev/zero:1:1: (file): file is larger than the limit of 4194304 bytes");
    }
}
