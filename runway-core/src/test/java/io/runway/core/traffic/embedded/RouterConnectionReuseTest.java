package io.runway.core.traffic.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.traffic.Route;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One client connection carrying many requests: after each proxied answer the router resumes that
 * connection in the thread that finished the answer ({@link RouterThreadPool}) — parsing a request already
 * buffered, or else only registering read interest — so requests waiting in the connection (pipelined)
 * or arriving after each answer (keep-alive) must each be read, routed and answered once, in order, and
 * a client closing an idle connection must be noticed. Raw sockets, so nothing in between reorders or
 * reconnects.
 */
class RouterConnectionReuseTest extends EmbeddedRouterTestBase {
    @Override
    EmbeddedRouterOptions initialOptions() {
        return EmbeddedRouterOptions.DEFAULT.withMaxThreads(4);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreEachAnsweredInOrder() throws Exception {
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", canary.backend(), 3_000));
        int count = 30;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append(request(i));
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(all.toString().getBytes(StandardCharsets.US_ASCII)); // every request before any answer
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                assertAnswered(readResponse(in), i);
            }
        }
        assertThat(router.snapshot(SERVICE).total().requests()).isEqualTo(count);
    }

    @Test
    void keepAliveRequestsOneAfterAnotherReuseTheConnection() throws Exception {
        router.setRoute(SERVICE, Route.canary("v1", stable.backend(), "v2", canary.backend(), 5_000));
        int count = 200;
        List<String> versions = new ArrayList<>();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                out.write(request(i).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Answer answer = readResponse(in);
                assertAnswered(answer, i);
                assertThat(answer.headers.get("connection")).isNotEqualToIgnoringCase("close");
                versions.add(answer.headers.get("x-runway-version"));
            }
        }
        assertThat(versions).contains("v1", "v2");
        assertThat(router.snapshot(SERVICE).total().requests()).isEqualTo(count);
    }

    @Test
    void aClientThatClosesAfterItsAnswerIsNoticedWhileTheConnectionWaits() throws Exception {
        router.setRoute(SERVICE, Route.single("v1", stable.backend()));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request(0).getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertAnswered(readResponse(in), 0);

            // The idle connection only waits for read interest now: the close must still reach the router,
            // which then closes its side (an end of stream here, not the 10 s read timeout).
            socket.shutdownOutput();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void pipelinedRequestsBeforeARouteAreEachRefusedInOrder() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((request(0) + request(1) + request(2)).getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                Answer answer = readResponse(in);
                assertThat(answer.status).isEqualTo(503);
                assertThat(answer.headers.get("x-request-id")).isEqualTo("req-" + i);
            }
        }
    }

    // Odd requests carry a body, so the router also has to find where one request ends and the next begins.
    private static String request(int i) {
        String body = "x".repeat(i % 2 == 1 ? 10 + i : 0);
        return (body.isEmpty() ? "GET" : "POST") + " /item/" + i + "?q=" + i + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "X-Request-Id: req-" + i + "\r\n"
                + (body.isEmpty() ? "" : "Content-Length: " + body.length() + "\r\n")
                + "\r\n" + body;
    }

    private static void assertAnswered(Answer answer, int i) {
        String version = answer.headers.get("x-runway-version");
        String method = i % 2 == 1 ? "POST" : "GET";
        int length = i % 2 == 1 ? 10 + i : 0;
        assertThat(answer.status).as("status of request %d", i).isEqualTo(200);
        assertThat(answer.body).isEqualTo(version + "|" + method + "|/item/" + i + "?q=" + i + "|null|" + length);
        assertThat(answer.headers.get("x-request-id")).isEqualTo("req-" + i);
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** One HTTP/1.1 response: status line, headers, then a Content-Length or chunked body. */
    private static Answer readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
                    size = Integer.parseInt(readLine(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
