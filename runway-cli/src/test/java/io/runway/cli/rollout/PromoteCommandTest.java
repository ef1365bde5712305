package io.runway.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.runway.cli.CliRun;
import io.runway.cli.ExitCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway promote|abort ID}: the id goes into the URL path of a call that carries the admin token. */
class PromoteCommandTest {
    @TempDir
    Path dir;

    /** Every request the fake server got: method, raw path and query, Authorization header. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Path adminToken;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                    + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        adminToken = Files.writeString(dir.resolve("admin.token"), "s3cret\n");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private CliRun run(String command, String id) {
        return CliRun.of(command, id, "--server", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--admin-token-file", adminToken.toString());
    }

    @Test
    void anIdThatIsNotARolloutIdIsRefusedBeforeAnyRequest() {
        for (String id : List.of("../../health?", "..%2F..%2Fhealth", "r-1795323458830-2fa7/../../x", "r-1795323458830-2FA7", "")) {
            CliRun abort = run("abort", id);
            assertThat(abort.exitCode()).as(id).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(abort.err().lines()).as(id).singleElement().asString()
                    .startsWith("runway: ID: '" + id + "' is not a rollout id");
        }
        CliRun promote = run("promote", "../../health?");
        assertThat(promote.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(requests).isEmpty();
    }

    @Test
    void aRolloutIdGoesToItsOwnEndpoint() {
        CliRun abort = run("abort", "r-1795323458830-2fa7");
        CliRun promote = run("promote", "r-1795323458830-2fa7");
        assertThat(abort.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(promote.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(requests).containsExactly(
                "POST /api/v1/rollouts/r-1795323458830-2fa7/abort Bearer s3cret",
                "POST /api/v1/rollouts/r-1795323458830-2fa7/promote Bearer s3cret");
    }
}
