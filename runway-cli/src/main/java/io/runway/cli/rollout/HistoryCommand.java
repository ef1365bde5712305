package io.runway.cli.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import io.runway.cli.ApiClient;
import io.runway.cli.ExitCodes;
import io.runway.core.error.InvalidInputException;
import io.runway.core.fingerprint.Fingerprint;
import io.runway.core.fingerprint.FingerprintLog;
import io.runway.core.spec.Printable;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.server.ApiJson;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private static final String ROW = "%-24s %-10s %-12s %-10s %-12s %-20s %s%n";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Option(names = "--state-dir", defaultValue = ".runway", description = "State directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--server", description = "Ask a runway serve (e.g. http://127.0.0.1:8080) instead of a state directory:"
            + " the history of the rollouts it ran.")
    String server;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Fingerprint> history;
        if (server != null) {
            try {
                ApiClient.Answer answer = new ApiClient(server).send("GET", "api/v1/history/"
                        + URLEncoder.encode(service, StandardCharsets.UTF_8), null, Duration.ofSeconds(30));
                if (answer.status() != 200) {
                    return RemoteRollouts.print(answer, out, spec.commandLine().getErr());
                }
                history = ApiJson.mapper().readValue(answer.body(), new TypeReference<List<Fingerprint>>() { });
            } catch (Exception e) {
                return RemoteRollouts.unreachable(server, e, spec.commandLine().getErr());
            }
        } else {
            try (EmbeddedStateStore store = EmbeddedStateStore.open(existingStore())) {
                history = new FingerprintLog(store, Clock.systemUTC()).history(service);
            }
        }
        out.printf(Locale.ROOT, ROW, "when", "version", "by", "role", "commit", "rollout", "artifact");
        for (Fingerprint f : history) {
            out.printf(Locale.ROOT, ROW, f.at(), cell(f.version()), cell(f.deployedBy()), cell(f.role()), cell(f.commit()),
                    cell(f.rolloutId()), f.artifact() == null ? "-" : cell(f.artifact()) + " " + cell(f.artifactDigest()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The store of the state directory. A read-only command must not create one: opening a missing store
     * would make the directory and answer a typo with an empty table.
     */
    private Path existingStore() {
        Path store = stateDir.resolve("store");
        if (!Files.isDirectory(stateDir)) {
            throw new InvalidInputException("--state-dir", stateDir + ": no such directory");
        }
        if (!Files.isDirectory(store)) {
            throw new InvalidInputException("--state-dir", stateDir + ": holds no rollout state (no store directory)");
        }
        return store;
    }

    /** Fields come from specs: escaped so that ESC, CR/LF or bidi controls cannot forge lines or columns. */
    private static String cell(String text) {
        return text == null ? "-" : Printable.escape(text);
    }
}
