package io.runway.cli.rollout;

import io.runway.cli.ExitCodes;
import io.runway.core.fingerprint.Fingerprint;
import io.runway.core.fingerprint.FingerprintLog;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runway history SERVICE}: the deployments of a service (fingerprints), newest first. */
@Command(name = "history", description = "List the deployments of a service: who deployed which version, from what, when.")
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Option(names = "--state-dir", defaultValue = ".runway", description = "State directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Fingerprint> history;
        try (EmbeddedStateStore store = EmbeddedStateStore.open(stateDir.resolve("store"))) {
            history = new FingerprintLog(store, Clock.systemUTC()).history(service);
        }
        out.printf(Locale.ROOT, "%-24s %-10s %-12s %-10s %-12s %-20s %s%n", "when", "version", "by", "role", "commit",
                "rollout", "artifact");
        for (Fingerprint f : history) {
            out.printf(Locale.ROOT, "%-24s %-10s %-12s %-10s %-12s %-20s %s%n", f.at(), f.version(), f.deployedBy(),
                    f.role() == null ? "-" : f.role(), f.commit() == null ? "-" : f.commit(),
                    f.rolloutId() == null ? "-" : f.rolloutId(),
                    f.artifact() == null ? "-" : f.artifact() + " " + f.artifactDigest());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
