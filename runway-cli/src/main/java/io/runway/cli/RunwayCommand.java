package io.runway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code runway} command: entry point of the standalone tool. */
@Command(
        name = "runway",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version on every subcommand
        versionProvider = RunwayVersion.class,
        description = "Leases, progressive rollouts and scheduling, from a CI pipeline or a terminal.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ValidateCommand.class,
            SchemaCommand.class,
            io.runway.cli.rollout.RolloutCommand.class,
            io.runway.cli.rollout.HistoryCommand.class,
            io.runway.cli.rollout.PromoteCommand.Promote.class,
            io.runway.cli.rollout.PromoteCommand.Abort.class,
            ServeCommand.class,
            TasksCommand.class,
            LeaseCommand.class,
            io.runway.cli.demo.DemoCommand.class,
        })
public final class RunwayCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests, which must not exit the JVM). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line; tests set its out and err writers to capture what a command prints. */
    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new RunwayCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("runway: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.INVALID_INPUT;
        });
        // Errors a command throws: one line and the mapped exit code for user errors, a stack trace for bugs.
        cli.setExecutionExceptionHandler(new CommandErrors());
        // Option values that are wrong whatever the command does with them are refused before it runs.
        cli.setExecutionStrategy(new OptionChecks());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
