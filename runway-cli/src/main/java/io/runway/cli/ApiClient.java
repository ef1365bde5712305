package io.runway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin client of REST API v1 over {@link HttpClient}; answers are the raw status and JSON body. */
public final class ApiClient {
    static final String TOKEN_HEADER = "X-Runway-Lease-Token";

    public record Answer(int status, String body) {}

    private final URI server;
    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade that plain servers answer slowly.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public ApiClient(String server) {
        this.server = URI.create(server.endsWith("/") ? server : server + "/");
    }

    public Answer send(String method, String path, String jsonBody, Duration timeout, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(timeout);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** Maps an answer to the exit codes of the README's "Exit codes" table. */
    public static int exitCode(Answer a) {
        return exitCode(a.status(), a.body().contains("\"not_granted\""));
    }

    /**
     * The exit code of an API status; {@code notGranted}: the error code is {@code not_granted}, the one 409
     * with an exit code of its own. Also used for errors raised in-process (see {@link CommandErrors}).
     */
    static int exitCode(int status, boolean notGranted) {
        if (status >= 200 && status < 300) {
            return ExitCodes.OK;
        }
        if (status == 400 || status == 404 || status == 413 || status == 415) {
            return ExitCodes.INVALID_INPUT;
        }
        if (status == 409 && notGranted) {
            return ExitCodes.NOT_GRANTED;
        }
        if (status == 403 || status == 409 || status == 429) {
            return ExitCodes.CONFLICT;
        }
        return ExitCodes.UNEXPECTED;
    }
}
