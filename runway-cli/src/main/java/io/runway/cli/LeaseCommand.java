package io.runway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runway lease acquire|renew|release|show|list}: prints the server's JSON answer. */
@Command(name = "lease", mixinStandardHelpOptions = true, description = "Lease client of a runway server.",
        subcommands = {LeaseCommand.Acquire.class, LeaseCommand.Renew.class, LeaseCommand.Release.class,
                LeaseCommand.Show.class, LeaseCommand.ListLeases.class})
public final class LeaseCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** What every subcommand shares: the server and the call that prints the answer. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--server", required = true, description = "Server URL, e.g. http://127.0.0.1:8080")
        String server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Duration timeout() {
            return Duration.ofSeconds(30);
        }

        int call(String method, String path, String body, String... headers) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ApiClient.Answer a = new ApiClient(server).send(method, path, body, timeout(), headers);
                (a.status() < 300 ? out : err).println(a.body());
                out.flush();
                err.flush();
                return ApiClient.exitCode(a);
            } catch (IOException | IllegalArgumentException e) {
                err.println("runway lease: cannot reach " + server + ": " + e);
                err.flush();
                return ExitCodes.UNEXPECTED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.UNEXPECTED;
            }
        }
    }

    /** Subcommands that need the lease's token (or the admin token). */
    abstract static class WithToken extends Base {
        @Parameters(index = "0", description = "Lease id.")
        String id;

        @Option(names = "--token", description = "The lease token printed at grant.")
        String token;

        @Option(names = "--token-file", description = "File holding the lease token.")
        Path tokenFile;

        @Option(names = "--admin-token-file", description = "File holding the admin token (release = revoke).")
        Path adminTokenFile;

        String token() throws IOException {
            return tokenFile != null ? TokenFile.read(tokenFile, "--token-file") : token;
        }

        String bearer() throws IOException {
            return adminTokenFile == null ? null : "Bearer " + TokenFile.read(adminTokenFile, "--admin-token-file");
        }
    }

    @Command(name = "acquire", description = "Ask for a lease; exit 4 when not granted within --wait.")
    static final class Acquire extends Base {
        @Option(names = "--owner", required = true) String owner;
        @Option(names = "--pool") String pool;
        @Option(names = "--capability", description = "Label expression, e.g. 'linux && !arm'.") String capability;
        @Option(names = "--count") Integer count;
        @Option(names = "--ttl", required = true, description = "e.g. 15m") String ttl;
        @Option(names = "--wait", description = "How long to wait, e.g. 5m (default 0s).") String waitFor;
        @Option(names = "--priority") Integer priority;

        @Override
        Duration timeout() {
            return Duration.ofHours(2); // the server bounds the wait
        }

        @Override
        public Integer call() {
            ObjectNode body = new ObjectMapper().createObjectNode().put("owner", owner).put("ttl", ttl);
            if (pool != null) body.put("pool", pool);
            if (capability != null) body.put("capability", capability);
            if (count != null) body.put("count", count);
            if (waitFor != null) body.put("wait", waitFor);
            if (priority != null) body.put("priority", priority);
            return call("POST", "api/v1/leases", body.toString());
        }
    }

    @Command(name = "renew", description = "Extend a lease to now + --ttl.")
    static final class Renew extends WithToken {
        @Option(names = "--ttl", required = true) String ttl;

        @Override
        public Integer call() throws IOException {
            String body = new ObjectMapper().createObjectNode().put("ttl", ttl).toString();
            return call("POST", "api/v1/leases/" + enc(id) + "/renew", body, ApiClient.TOKEN_HEADER, token());
        }
    }

    @Command(name = "release", description = "End a lease (with --admin-token-file: revoke it).")
    static final class Release extends WithToken {
        @Override
        public Integer call() throws IOException {
            return call("DELETE", "api/v1/leases/" + enc(id), null, ApiClient.TOKEN_HEADER, token(),
                    "Authorization", bearer());
        }
    }

    @Command(name = "show", description = "Print one lease.")
    static final class Show extends Base {
        @Parameters(index = "0") String id;

        @Override
        public Integer call() {
            return call("GET", "api/v1/leases/" + enc(id), null);
        }
    }

    @Command(name = "list", description = "Print every lease (no tokens).")
    static final class ListLeases extends Base {
        @Override
        public Integer call() {
            return call("GET", "api/v1/leases", null);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
