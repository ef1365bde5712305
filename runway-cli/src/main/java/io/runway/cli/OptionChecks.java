package io.runway.cli;

import io.runway.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks of options by their name, made before any command runs so that a bad value is refused before
 * anything is created or started (a rejected command changes no state), and so that every command with
 * such an option gets the same check: a {@code --port} or {@code --*-port} is a TCP port (0 to 65535), a
 * {@code --*token-file} is a readable regular file, a {@code --state-dir} that exists is a directory.
 * A failed check is an {@link InvalidInputException} naming the option, reported by {@link CommandErrors}.
 */
final class OptionChecks implements CommandLine.IExecutionStrategy {
    static final int MAX_PORT = 65_535;

    @Override
    public int execute(ParseResult parsed) {
        if (!helpRequested(parsed)) {
            for (ParseResult p = parsed; p != null; p = p.subcommand()) {
                try {
                    check(p.commandSpec());
                } catch (InvalidInputException e) {
                    CommandLine cmd = p.commandSpec().commandLine();
                    try {
                        return cmd.getExecutionExceptionHandler().handleExecutionException(e, cmd, parsed);
                    } catch (Exception unexpected) {
                        throw new CommandLine.ExecutionException(cmd, "cannot report " + e.getMessage(), unexpected);
                    }
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static boolean helpRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    static void check(CommandLine.Model.CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            Object value = option.getValue();
            if (value instanceof Integer port && (name.equals("--port") || name.endsWith("-port"))) {
                checkPort(name, port);
            } else if (value instanceof Path file && name.endsWith("token-file")) {
                checkReadableFile(name, file);
            } else if (value instanceof Path dir && name.equals("--state-dir")) {
                checkDirectoryIfPresent(name, dir);
            }
        }
    }

    static void checkPort(String option, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new InvalidInputException(option, "must be a TCP port from 0 to " + MAX_PORT + " (0: any free port), not " + port);
        }
    }

    /** Pipes are fine ({@code --token-file <(pass show runway)} keeps a secret off the disk), directories are not. */
    private static void checkReadableFile(String option, Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(option, file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option, file + ": is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(option, file + ": cannot be read (permission denied)");
        }
    }

    private static void checkDirectoryIfPresent(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(option, dir + ": not a directory");
        }
    }
}
