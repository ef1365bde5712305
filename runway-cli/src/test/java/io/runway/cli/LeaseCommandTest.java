package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.server.ServerFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lease client commands against an in-process server: output and exit codes of the README's exit-code table. */
class LeaseCommandTest {
    private final ServerFixture f = newFixture();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static ServerFixture newFixture() {
        try {
            return new ServerFixture();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new RunwayCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void acquireShowRenewListReleaseWithExitCodes() throws Exception {
        String server = f.server.baseUri().toString();
        assertThat(run("lease", "acquire", "--server", server, "--owner", "ci", "--pool", "gpu", "--ttl", "10m")).isZero();
        JsonNode lease = new ObjectMapper().readTree(out.toString());
        String id = lease.get("id").asText();
        String token = lease.get("token").asText();

        assertThat(run("lease", "acquire", "--server", server, "--owner", "x", "--pool", "gpu", "--ttl", "10m"))
                .isEqualTo(ExitCodes.NOT_GRANTED);
        assertThat(run("lease", "acquire", "--server", server, "--owner", "x", "--pool", "gpu", "--ttl", "soon"))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run("lease", "show", "--server", server, id)).isZero();
        assertThat(out.toString()).contains(id).doesNotContain(token);
        assertThat(run("lease", "renew", "--server", server, id, "--token", "wrong", "--ttl", "5m")).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run("lease", "renew", "--server", server, id, "--token", token, "--ttl", "5m")).isZero();
        assertThat(run("lease", "list", "--server", server)).isZero();
        assertThat(out.toString()).contains(id).doesNotContain(token);
        assertThat(run("lease", "release", "--server", server, id, "--token", token)).isZero();
        assertThat(out.toString()).contains("\"RELEASED\"");
    }

    @Test
    void unreachableServerIsExit1WithOneLine() {
        assertThat(run("lease", "list", "--server", "http://127.0.0.1:1")).isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(err.toString().strip()).startsWith("runway lease: cannot reach").doesNotContain("\n");
    }
}
