package io.runway.cli;

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

/** {@code runway tasks list|show|run|backfill|runs|run-show}: a thin client of a server's task API; prints its JSON. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "Task graphs of a runway server (runway serve --tasks FILE).",
        subcommands = {TasksCommand.ListGraphs.class, TasksCommand.Show.class, TasksCommand.Run.class, TasksCommand.Backfill.class,
                TasksCommand.Runs.class, TasksCommand.ShowRun.class})
public final class TasksCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The server option and the call that prints the answer. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--server", required = true, description = "Server URL, e.g. http://127.0.0.1:8080")
        String server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        int call(String method, String path, String body, String bearer) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ApiClient.Answer a = new ApiClient(server).send(method, path, body, Duration.ofSeconds(30), "Authorization", bearer);
                (a.status() < 300 ? out : err).println(a.body());
                out.flush();
                err.flush();
                return ApiClient.exitCode(a);
            } catch (IOException | IllegalArgumentException e) {
                err.println("runway tasks: cannot reach " + server + ": " + e);
                err.flush();
                return ExitCodes.UNEXPECTED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.UNEXPECTED;
            }
        }

        static String segment(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** Calls that start work need the admin token. */
    abstract static class Admin extends Base {
        @Parameters(index = "0", description = "Task graph name.")
        String name;

        @Option(names = "--admin-token-file", required = true, description = "File holding the server's admin token.")
        Path adminTokenFile;

        String bearer() throws IOException {
            return "Bearer " + TokenFile.read(adminTokenFile, "--admin-token-file");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every task graph with its next fire and last run.")
    static final class ListGraphs extends Base {
        @Override
        public Integer call() {
            return call("GET", "api/v1/tasks", null, null);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One task graph: spec, next fire, recent runs.")
    static final class Show extends Base {
        @Parameters(index = "0", description = "Task graph name.")
        String name;

        @Override
        public Integer call() {
            return call("GET", "api/v1/tasks/" + segment(name), null, null);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Start a run of the graph now.")
    static final class Run extends Admin {
        @Override
        public Integer call() throws IOException {
            return call("POST", "api/v1/tasks/" + segment(name) + "/runs", null, bearer());
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = "One run per schedule instant in [--from, --to] (ISO-8601 instants), at most 1000.")
    static final class Backfill extends Admin {
        @Option(names = "--from", required = true, description = "First instant, e.g. 2026-01-01T00:00:00Z")
        String from;

        @Option(names = "--to", required = true, description = "Last instant (inclusive).")
        String to;

        @Override
        public Integer call() throws IOException {
            String body = "{\"from\":" + quote(from) + ",\"to\":" + quote(to) + "}";
            return call("POST", "api/v1/tasks/" + segment(name) + "/backfill", body, bearer());
        }

        private static String quote(String s) {
            return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "Runs, newest first (of one graph with --graph).")
    static final class Runs extends Base {
        @Option(names = "--graph", description = "Only this graph's runs.")
        String graph;

        @Override
        public Integer call() {
            return call("GET", "api/v1/runs" + (graph == null ? "" : "?graph=" + segment(graph)), null, null);
        }
    }

    @Command(name = "run-show", mixinStandardHelpOptions = true, description = "One run: every task's state, attempts, output tail.")
    static final class ShowRun extends Base {
        @Parameters(index = "0", description = "Run id, e.g. etl@2026-01-01T01:00:00Z")
        String id;

        @Override
        public Integer call() {
            return call("GET", "api/v1/runs/" + segment(id), null, null);
        }
    }
}
