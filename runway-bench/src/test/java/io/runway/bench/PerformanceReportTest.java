package io.runway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the harness runs end to end on tiny settings. Deliberately no timing thresholds. */
class PerformanceReportTest {
    @TempDir
    Path disk;

    @Test
    void everyScenarioRunsAndTheTablePrints() throws Exception {
        ReportSettings settings = ReportSettings.parse("--disk", disk.toString(), "--warmup", "50ms", "--handoff-warmup", "50ms",
                "--measure", "300ms", "--resources", "5", "--requesters", "10", "--fleet-sizes", "10,100",
                "--background", "2", "--waiters", "10", "--hold", "5-15");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        PerformanceReport.Report report = PerformanceReport.run(settings, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(report.floor().ops()).isPositive();
        assertThat(report.globalLock().cycles()).isPositive();
        assertThat(report.globalLock().savedBytes()).isPositive();
        assertThat(report.cycles().cycles()).isPositive();
        assertThat(report.cycles().failures()).isZero();
        assertThat(report.handoff().handoff().count()).isPositive();
        assertThat(report.handoff().releases()).isPositive();
        assertThat(report.handoff().failures()).isZero();
        assertThat(report.grants()).hasSize(2).allSatisfy(g -> {
            assertThat(g.grant().count()).isPositive();
            assertThat(g.failures()).isZero();
        });
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("durable cycles/s",
                "command latency in the saturated loop", "release → grant hand-off", "| target | measured | verdict |")
                .doesNotContain("not run");
        assertThat(disk).isEmptyDirectory();
    }

    @Test
    void targetsLeftOutWithOnlyAreReportedAsNotRun() throws Exception {
        ReportSettings settings = ReportSettings.parse("--disk", disk.toString(), "--warmup", "50ms", "--handoff-warmup", "50ms",
                "--measure", "200ms", "--only", "floor");
        PerformanceReport.Report report = PerformanceReport.run(settings, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8));

        assertThat(Targets.judge(report)).extracting(Targets.Line::verdict).containsExactly(
                Targets.Verdict.NOT_RUN, Targets.Verdict.NOT_RUN, Targets.Verdict.NOT_RUN, Targets.Verdict.NOT_RUN,
                Targets.Verdict.MET);
    }

    @Test
    void latencySummaryUsesNearestRank() {
        LatencySamples samples = new LatencySamples(1000);
        for (int i = 1; i <= 100; i++) {
            samples.record(i);
        }

        LatencySamples.Summary summary = samples.summarize();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.max()).isEqualTo(100);
    }
}
