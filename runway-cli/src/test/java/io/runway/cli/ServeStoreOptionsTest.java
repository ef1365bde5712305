package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway serve --store ...}: bad store options are refused with exit 2, naming the option, before serving. */
class ServeStoreOptionsTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, "pools:\n  - name: web\n    provider: static\n    resources:\n      - name: web-1\n");
        return file;
    }

    @Test
    void dynamoDbStoreNeedsATable() throws Exception {
        CliRun run = CliRun.of("serve", "--config", config().toString(), "--state-dir", dir.resolve("s").toString(),
                "--store", "dynamodb", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--dynamodb-table");
    }

    @Test
    void unknownStoreIsRefused() throws Exception {
        CliRun run = CliRun.of("serve", "--config", config().toString(), "--state-dir", dir.resolve("s").toString(),
                "--store", "etcd", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--store").contains("etcd");
    }

    @Test
    void aTableWithoutTheDynamoDbStoreIsRefused() throws Exception {
        CliRun run = CliRun.of("serve", "--config", config().toString(), "--state-dir", dir.resolve("s").toString(),
                "--dynamodb-table", "runway", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--dynamodb-table needs --store dynamodb");
    }

    @Test
    void aBadEndpointIsRefused() throws Exception {
        CliRun run = CliRun.of("serve", "--config", config().toString(), "--state-dir", dir.resolve("s").toString(),
                "--store", "dynamodb", "--dynamodb-table", "runway", "--aws-endpoint", "not a url", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--aws-endpoint");
    }
}
