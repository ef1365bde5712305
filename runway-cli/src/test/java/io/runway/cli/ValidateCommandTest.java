package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void validFilesPrintOkAndExitZero() throws IOException {
        String a = write("a.yaml", "pools:\n  - name: web\n    resources:\n      - name: web-1\n");
        String b = write("b.json", "{\"pools\": [{\"name\": \"db\", \"provider\": \"local\"}]}");
        CliRun run = CliRun.of("validate", a, b);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.outLines()).containsExactly(a + ": ok", b + ": ok");
    }

    @Test
    void aPipeIsReadOnce() throws Exception {
        Path fifo = dir.resolve("spec.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            org.junit.jupiter.api.Assumptions.abort("mkfifo is not available: " + noMkfifo.getMessage());
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        // The writer blocks until validate opens the pipe, then writes the spec once, as <(cat spec.yaml) would.
        java.util.concurrent.CompletableFuture<Void> writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(fifo, "pools:\n  - name: web\n    resources:\n      - name: web-1\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.of("validate", fifo.toString());
        writer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(run.outLines()).as(run.err()).containsExactly(fifo + ": ok");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void problemsPrintOneLineEachAndExitTwo() throws IOException {
        String good = write("good.yaml", "pools:\n  - name: web\n");
        String bad = write("bad.yaml", """
                pools:
                  - name: web
                    provider: cloud
                    resources:
                      - name: web-1
                        labels: ["a b"]
                  - name: web
                """);
        String missing = dir.resolve("missing.yaml").toString();
        CliRun run = CliRun.of("validate", good, bad, missing);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.outLines()).containsExactly(
                bad + ":3:15: pools[0].provider: unknown provider 'cloud'; expected one of: aws-ec2, local, static",
                bad + ":6:18: pools[0].resources[0].labels[0]: label 'a b' must not contain whitespace",
                bad + ":7:11: pools[1].name: pool name 'web' is already used at pools[0]",
                missing + ":1:1: (file): no such file");
        assertThat(run.err()).isEqualTo(good + ": ok" + System.lineSeparator());
    }

    @Test
    void noFileIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("Missing required parameter");
    }
}
