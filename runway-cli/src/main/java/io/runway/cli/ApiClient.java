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

    /** Maps an answer to the exit codes of CONTRACT.md. */
    public static int exitCode(Answer a) {
        if (a.status() >= 200 && a.status() < 300) {
            return ExitCodes.OK;
        }
        if (a.status() == 400 || a.status() == 404 || a.status() == 413 || a.status() == 415) {
            return ExitCodes.INVALID_INPUT;
        }
        if (a.status() == 409 && a.body().contains("\"not_granted\"")) {
            return ExitCodes.NOT_GRANTED;
        }
        if (a.status() == 403 || a.status() == 409 || a.status() == 429) {
            return ExitCodes.CONFLICT;
        }
        return ExitCodes.UNEXPECTED;
    }
}
