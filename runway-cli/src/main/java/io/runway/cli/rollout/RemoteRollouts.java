package io.runway.cli.rollout;

import io.runway.cli.ApiClient;
import io.runway.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Calls on the rollouts of a {@code runway serve}, with the admin token when one is given. */
final class RemoteRollouts {
    private final ApiClient client;
    private final String authorization;

    RemoteRollouts(String server, Path adminTokenFile) throws IOException {
        this.client = new ApiClient(server);
        this.authorization = adminTokenFile == null ? null : "Bearer " + io.runway.cli.TokenFile.read(adminTokenFile, "--admin-token-file");
    }

    ApiClient.Answer call(String method, String path, String body) throws IOException, InterruptedException {
        return client.send(method, path, body, Duration.ofSeconds(30), "Authorization", authorization);
    }

    /** Prints the answer (body to out, or to err when it is an error) and maps it to an exit code. */
    static int print(ApiClient.Answer a, PrintWriter out, PrintWriter err) {
        (a.status() < 300 ? out : err).println(a.body());
        out.flush();
        err.flush();
        return ApiClient.exitCode(a);
    }

    static int unreachable(String server, Exception e, PrintWriter err) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        err.println("runway: cannot reach " + server + ": " + e);
        err.flush();
        return ExitCodes.UNEXPECTED;
    }
}
