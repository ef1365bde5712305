package io.runway.cli;

import io.runway.core.error.RunwayException;
import io.runway.core.spec.Printable;
import io.runway.server.ApiError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * What an exception a command throws becomes. A user error (a {@link RunwayException}, a file named on the
 * command line that cannot be read) is one line on stderr, {@code runway: FIELD: MESSAGE}, and the exit
 * code of the README's "Exit codes" table: the one its REST API status maps to, so a refusal exits the
 * same in-process and through {@code runway serve}. Anything else is a bug: its stack trace is kept, exit 1.
 */
final class CommandErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable t = unwrap(ex);
        int code;
        if (t instanceof RunwayException e) {
            print(err, e.field(), e.getMessage());
            code = exitCode(e);
        } else if (t instanceof FileSystemException || t instanceof InvalidPathException) {
            print(err, null, fileProblem(t));
            code = ExitCodes.INVALID_INPUT;
        } else if (t instanceof BindException) {
            print(err, null, "cannot listen: " + t.getMessage()); // a port another program holds
            code = ExitCodes.CONFLICT;
        } else if (t instanceof IOException) {
            print(err, null, t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()); // the machine's
            code = ExitCodes.UNEXPECTED;
        } else {
            ex.printStackTrace(err);
            code = ExitCodes.UNEXPECTED;
        }
        err.flush();
        return code;
    }

    /** The exit code of a core error: that of the status the REST API answers it with. */
    static int exitCode(RunwayException e) {
        ApiError api = ApiError.from(e);
        return ApiClient.exitCode(api.status(), "not_granted".equals(api.error()));
    }

    /** {@code runway: FIELD: MESSAGE}, the field left out when the message already starts with it. */
    private static void print(PrintWriter err, String field, String message) {
        String text = message == null ? "(no message)" : message;
        String prefix = field == null || field.isEmpty() || text.startsWith(field) ? "" : Printable.escape(field) + ": ";
        // A message may list several problems, one a line; each line is escaped so input cannot forge others.
        text.lines().map(Printable::escape).forEach(line -> err.println("runway: " + prefix + line));
    }

    /** Names the file: the JDK's messages of a plain IOException often do not. */
    static String fileProblem(Throwable t) {
        if (t instanceof InvalidPathException e) {
            return "not a valid path '" + e.getInput() + "': " + e.getReason();
        }
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException e && e.getFile() != null) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "cannot be read");
        }
        return "cannot read a file: " + (t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException
                || t instanceof CommandLine.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
