package io.runway.cli.rollout;

import io.runway.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runway promote ID} and {@code runway abort ID}: idempotent requests to a running rollout. */
public final class PromoteCommand {
    /** The ids {@code RolloutService.start} makes: {@code r-} + epoch millis in 13 digits + {@code -} + 4 hex digits. */
    static final Pattern ROLLOUT_ID = Pattern.compile("r-[0-9]{13}-[0-9a-f]{4}");

    private PromoteCommand() {}

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "Rollout id.")
        String id;

        @Option(names = "--server", required = true, description = "runway serve URL, e.g. http://127.0.0.1:8080")
        String server;

        @Option(names = "--admin-token-file", description = "File holding the server's admin token.")
        Path adminTokenFile;

        abstract String action();

        @Override
        public Integer call() throws IOException {
            // The id goes into the URL path and the call carries the admin token: anything that is not a
            // rollout id (e.g. "../../health?") could send that token to another endpoint.
            if (!ROLLOUT_ID.matcher(id).matches()) {
                throw new InvalidInputException("ID", "'" + id + "' is not a rollout id (r-, 13 digits, -, 4 hex digits,"
                        + " e.g. r-1795323458830-2fa7)");
            }
            RemoteRollouts remote = new RemoteRollouts(server, adminTokenFile); // a bad token file is no network error
            try {
                return RemoteRollouts.print(remote.call("POST", "api/v1/rollouts/" + id + "/" + action(), null),
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            } catch (Exception e) {
                return RemoteRollouts.unreachable(server, e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "promote", description = "Promote a rollout now (skip its remaining steps). Idempotent.")
    public static final class Promote extends Base {
        String action() {
            return "promote";
        }
    }

    @Command(name = "abort", description = "Abort a rollout: route everything back to the baseline. Idempotent.")
    public static final class Abort extends Base {
        String action() {
            return "abort";
        }
    }
}
