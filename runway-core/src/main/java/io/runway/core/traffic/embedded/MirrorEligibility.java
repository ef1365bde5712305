package io.runway.core.traffic.embedded;

import io.runway.core.traffic.Buckets;
import io.runway.core.traffic.Mirror;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;

/**
 * Which requests the embedded router copies for a {@link Mirror}: only those a second answer cannot harm,
 * i.e. GET, HEAD or OPTIONS without a body (a POST sent twice could charge a card twice; a body would have
 * to be held in memory to be sent twice), and among them the mirror's share, picked like weighted routing
 * picks a version: by the bucket of a counter of such requests, so that every 10,000 of them hold exactly
 * the share. The counter is the service's own for copies; the routing counter would pick the very
 * requests the canary serves.
 */
final class MirrorEligibility {
    /** Marks a copy, so a backend can tell it from a client's request (and, say, skip side effects). */
    static final String HEADER = "X-Runway-Mirror";

    private MirrorEligibility() {}

    static boolean sampled(Request request, Mirror mirror, ServiceRouting service) {
        return safe(request) && Buckets.ofSequence(service.nextMirrorCandidate()) < mirror.basisPoints();
    }

    static boolean safe(Request request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method) && !HttpMethod.OPTIONS.is(method)) {
            return false;
        }
        if (request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return false;
        }
        String length = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        return length == null || length.trim().equals("0");
    }
}
