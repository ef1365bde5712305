package io.runway.cli.demo;

import io.runway.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runway demo}: shows the engine on the embedded default in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the demo scenarios on the embedded default (exit 0 when each ended as expected).")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", description = "Keep the demo's state here (default: a temporary directory, removed afterwards).")
    Path stateDir;

    @Option(names = "--leases-only", description = "Run only the lease scenario (seconds instead of about a minute).")
    boolean skipRollouts;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = stateDir != null ? stateDir : Files.createTempDirectory("runway-demo-");
        try {
            Files.createDirectories(dir);
            out.println("== Leases: pipeline jobs contend for deploy slots ==");
            boolean leases = new LeaseDemo(out, dir.resolve("leases")).run();
            boolean rollouts = skipRollouts || new RolloutDemo(out, dir.resolve("rollouts")).run();
            return leases && rollouts ? ExitCodes.OK : ExitCodes.UNEXPECTED;
        } finally {
            if (stateDir == null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
