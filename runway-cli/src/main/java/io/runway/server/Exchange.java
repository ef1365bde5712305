package io.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request being answered, possibly later on another thread. Guarantees a single response per request
 * and records it in the metrics under the route template.
 */
final class Exchange {
    static final int MAX_BODY_BYTES = 64 * 1024;

    final Request request;
    private final Response response;
    private final Callback callback;
    private final ServerMetrics metrics;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    /** Set once the whole body was read; a response before that closes the connection (see send). */
    private volatile boolean bodyRead;
    String route = "unmatched";

    Exchange(Request request, Response response, Callback callback, ServerMetrics metrics) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.metrics = metrics;
    }

    String method() {
        return request.getMethod();
    }

    String header(HttpHeader name) {
        return request.getHeaders().get(name);
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** A query parameter, or null when not given. */
    String query(String name) {
        return Request.extractQueryParameters(request).getValue(name);
    }

    /** An integer query parameter, {@code absent} when not given; a non-number is a 400 naming it. */
    int queryInt(String name, int absent) {
        String value = Request.extractQueryParameters(request).getValue(name);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "the query parameter " + name + " must be a whole number").toException();
        }
    }

    /** Reads the whole body (bounded), refusing what is not JSON or is too large. */
    CompletableFuture<byte[]> jsonBody() {
        String type = header(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!mime.equals("application/json")) {
            return CompletableFuture.failedFuture(new ApiError(415, "unsupported_media_type", null,
                    "the body must be JSON with Content-Type: application/json, was " + (type == null ? "none" : type))
                    .toException());
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            return CompletableFuture.failedFuture(tooLarge().toException());
        }
        return Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES)
                .whenComplete((bytes, e) -> bodyRead = e == null)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(isOverLimit(unwrap(e)) ? tooLarge().toException() : e));
    }

    /**
     * How Jetty 12's accumulator says a body without a declared length went past the limit: an IOException
     * "accumulation too large" (ApiHandlerTest sends such a chunked body, so an upgrade that changes it fails there).
     */
    private static boolean isOverLimit(Throwable e) {
        return e instanceof IllegalArgumentException
                || e instanceof java.io.IOException && String.valueOf(e.getMessage()).contains("too large");
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "invalid_input", null, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    void json(int status, Object body) {
        byte[] bytes;
        try {
            bytes = ApiJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            error(ApiError.from(e));
            return;
        }
        send(status, "application/json", bytes);
    }

    void error(ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("field", e.field());
        body.put("message", e.message());
        json(e.status(), body);
    }

    void fail(Throwable t) {
        error(ApiError.from(t));
    }

    void text(int status, String contentType, String text) {
        send(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean hasBody() {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Whether this exchange still has to be answered (false once a response was started). */
    boolean isOpen() {
        return !answered.get();
    }

    private void send(int status, String contentType, byte[] bytes) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        metrics.recordRequest(request.getMethod(), route, status, System.nanoTime() - startNanos);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!bodyRead && hasBody()) {
            // Answered before its body was read (refused as too large or not JSON, or refused before
            // reading, e.g. 403): Jetty may close this connection rather than drain it, so say so, or a
            // client that reuses it finds it closed under its next request.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /**
     * Jetty reads an HTTP/1.1 connection only when a handler asks for content, so a client that hangs up
     * during a long wait goes unnoticed (asking the connection itself to read again corrupts its buffers).
     * So every {@code periodMillis} this probes the socket with a one-byte read: -1 means the client has
     * gone. Clients do not pipeline requests behind a waiting acquire; a byte that does arrive is
     * consumed, which only breaks such a pipeline. Stops when {@code until} completes.
     */
    void watchForHangUp(CompletableFuture<?> until, long periodMillis, Runnable onHangUp) {
        org.eclipse.jetty.io.EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        org.eclipse.jetty.util.thread.Scheduler scheduler = request.getComponents().getScheduler();
        ByteBuffer probe = ByteBuffer.allocate(1);
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (until.isDone()) {
                return;
            }
            int read;
            try {
                probe.clear().flip(); // Jetty's fill appends after the limit: start empty, in flush mode
                read = endPoint.isOpen() ? endPoint.fill(probe) : -1;
            } catch (java.io.IOException e) {
                read = -1;
            }
            if (read < 0) {
                onHangUp.run();
            } else {
                scheduler.schedule(check[0], periodMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        };
        scheduler.schedule(check[0], periodMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The client went away before an answer: nothing to write, just end the exchange. */
    void abandon(Throwable why) {
        if (answered.compareAndSet(false, true)) {
            metrics.recordRequest(request.getMethod(), route, 499, System.nanoTime() - startNanos);
            callback.failed(why);
        }
    }
}
