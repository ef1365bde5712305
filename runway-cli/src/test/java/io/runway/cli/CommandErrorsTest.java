package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.error.ConflictException;
import io.runway.core.error.ForbiddenException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.NotGrantedException;
import io.runway.core.error.QuotaExceededException;
import io.runway.core.error.RunwayException;
import io.runway.core.error.UnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An exception out of a command: one line and the REST API's mapping for user errors, a stack trace for bugs. */
class CommandErrorsTest {
    private final StringWriter err = new StringWriter();

    private int handle(Exception e) {
        CommandLine cli = RunwayCommand.newCommandLine();
        cli.setErr(new PrintWriter(err, true));
        return new CommandErrors().handleExecutionException(e, cli, null);
    }

    @Test
    void runwayErrorsExitWithTheCodeOfTheirApiStatus() {
        assertThat(handle(new InvalidInputException("port", "bad"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(handle(new NotFoundException("id", "no such rollout"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(handle(new ConflictException("rollout_in_progress", "busy"))).isEqualTo(ExitCodes.CONFLICT);
        assertThat(handle(new ForbiddenException("no token"))).isEqualTo(ExitCodes.CONFLICT);
        assertThat(handle(new QuotaExceededException("owner", "over quota"))).isEqualTo(ExitCodes.CONFLICT);
        assertThat(handle(new NotGrantedException("nothing free"))).isEqualTo(ExitCodes.NOT_GRANTED);
        assertThat(handle(new UnavailableException("store closed", null))).isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(handle(new RunwayException("something_new", null, "?"))).isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void oneLineNamesTheFieldOnceAndEscapesWhatInputPutInTheMessage() {
        handle(new CompletionException(new InvalidInputException("fingerprint.artifact", "artifact \u001b[2J.jar is not a readable file")));
        handle(new InvalidInputException("--store", "--store must be embedded or dynamodb, not 'x'"));
        handle(new ConflictException("rollout_in_progress", "service shop already has rollout r-1 in phase PAUSED"));
        assertThat(err.toString().lines()).containsExactly(
                "runway: fingerprint.artifact: artifact \\u001B[2J.jar is not a readable file",
                "runway: --store must be embedded or dynamodb, not 'x'",
                "runway: service shop already has rollout r-1 in phase PAUSED");
    }

    @Test
    void aFileThatCannotBeReadIsNamedAndInvalidInput() {
        assertThat(handle(new NoSuchFileException("/nonexistent"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(handle(new UncheckedIOException(new java.nio.file.AccessDeniedException("/root/token"))))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(handle(new InvalidPathException("a\0b", "Nul character not allowed"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString().lines()).containsExactly(
                "runway: /nonexistent: no such file",
                "runway: /root/token: permission denied",
                "runway: not a valid path 'a\\u0000b': Nul character not allowed");
    }

    @Test
    void aTakenPortIsAConflictAndOtherIoFailuresAreOneLineExitOne() {
        assertThat(handle(new java.net.BindException("Address already in use"))).isEqualTo(ExitCodes.CONFLICT);
        assertThat(handle(new UncheckedIOException(new IOException("No space left on device"))))
                .isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(err.toString().lines()).containsExactly(
                "runway: cannot listen: Address already in use",
                "runway: No space left on device");
    }

    @Test
    void anythingElseIsABugAndKeepsItsStackTrace() {
        assertThat(handle(new IllegalStateException("invariant broken"))).isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(err.toString()).contains("java.lang.IllegalStateException: invariant broken").contains("\tat ");
    }
}
