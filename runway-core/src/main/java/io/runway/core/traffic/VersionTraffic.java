package io.runway.core.traffic;

import java.util.Objects;

/**
 * What one version answered: completed requests, errors among them (5xx from the backend, or a proxy
 * failure such as a refused connection or a timeout), and their latency.
 */
public record VersionTraffic(long requests, long errors, LatencyHistogram latency) {

    public static final VersionTraffic EMPTY = new VersionTraffic(0, 0, LatencyHistogram.empty());

    public VersionTraffic {
        Objects.requireNonNull(latency, "latency");
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException("need 0 <= errors <= requests, got " + errors + "/" + requests);
        }
    }

    /** Errors per request, or NaN when there were no requests: no data is never "healthy". */
    public double errorRate() {
        return requests == 0 ? Double.NaN : (double) errors / requests;
    }

    public VersionTraffic minus(VersionTraffic earlier) {
        return new VersionTraffic(requests - earlier.requests, errors - earlier.errors,
                latency.minus(earlier.latency));
    }

    public VersionTraffic plus(VersionTraffic other) {
        return new VersionTraffic(requests + other.requests, errors + other.errors, latency.plus(other.latency));
    }
}
