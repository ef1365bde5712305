package io.runway.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLeaseScenarioEndsAsExpectedAndKeepsItsStateWhereAsked() {
        Path state = dir.resolve("state");
        CliRun run = CliRun.of("demo", "--leases-only", "--state-dir", state.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("job-crashed's lease is EXPIRED")
                .contains("after restart: release-train is ACTIVE, same expiry and fencing token: true")
                .contains("leases: every check held");
        assertThat(Files.exists(state)).isTrue();
    }
}
