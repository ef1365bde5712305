package io.runway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs each selected scenario in its own JVM (same flags, same class path) and gathers the results. */
final class ScenarioForks {
    private ScenarioForks() {}

    static PerformanceReport.Report run(ReportSettings settings, List<String> args, PrintStream log)
            throws IOException, InterruptedException, ClassNotFoundException {
        log.println(PerformanceReport.fmt("each scenario in a fresh JVM with flags %s",
                ManagementFactory.getRuntimeMXBean().getInputArguments()));
        PerformanceReport.Report report = new PerformanceReport.Report(settings, null, null, null, null, null);
        for (String scenario : ReportSettings.ALL_SCENARIOS) {
            if (!settings.runs(scenario)) {
                continue;
            }
            Path results = Files.createTempFile("runway-perf-" + scenario + "-", ".bin");
            try {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), PerformanceReport.class.getName()));
                command.addAll(withOnly(args, scenario));
                command.addAll(List.of("--in-process", "--result-file", results.toString()));
                Process child = new ProcessBuilder(command).inheritIO().start();
                int exit = child.waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("scenario " + scenario + " exited with " + exit);
                }
                report = report.merge(results);
            } finally {
                Files.deleteIfExists(results);
            }
        }
        return report;
    }

    private static List<String> withOnly(List<String> args, String scenario) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--only")) {
                i++;
            } else {
                out.add(args.get(i));
            }
        }
        out.addAll(List.of("--only", scenario));
        return out;
    }
}
