package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway serve --tasks} refuses invalid task files before anything starts; validate reads task graphs. */
class ServeTasksTest {
    @TempDir
    Path dir;

    @Test
    void invalidTaskFilesStopServeWithTheirProblems() throws Exception {
        Path pools = Files.writeString(dir.resolve("pools.yaml"), "pools:\n  - name: web\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: loop
                tasks:
                  - {name: a, command: [x], dependsOn: [b]}
                  - {name: b, command: [x], dependsOn: [a]}
                """);
        CliRun run = CliRun.of("serve", "--config", pools.toString(), "--state-dir", dir.resolve("state").toString(),
                "--port", "0", "--tasks", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":4:41: tasks[1].dependsOn[0]: dependency cycle: a -> b -> a");
        assertThat(run.out()).doesNotContain("listening");
    }

    @Test
    void validateKnowsTaskGraphs() throws Exception {
        Path ok = Files.writeString(dir.resolve("etl.yaml"), "name: etl\nschedule: {cron: '@daily'}\ntasks:\n  - {name: a, command: [x]}\n");
        Path bad = Files.writeString(dir.resolve("cron.yaml"), "name: etl\nschedule: {cron: 'H H * *'}\ntasks:\n  - {name: a, command: [x]}\n");
        assertThat(CliRun.of("validate", ok.toString()).exitCode()).isZero();
        CliRun r = CliRun.of("validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains(bad + ":2:18: schedule.cron: line 1, column 8: expected 5 fields");
    }
}
