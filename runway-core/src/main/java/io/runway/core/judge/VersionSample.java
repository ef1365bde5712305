package io.runway.core.judge;

/**
 * What one version (canary or baseline) served since the step started: cumulative counts, so a lost
 * measurement loses no requests; judges that work per interval subtract the previous sample.
 */
public record VersionSample(long requests, long errors, LatencySummary latency) {
    public static final VersionSample EMPTY = new VersionSample(0, 0, LatencySummary.NONE);

    public VersionSample {
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException(
                    "need 0 <= errors <= requests, got " + errors + " errors of " + requests + " requests");
        }
        if (latency == null) {
            latency = LatencySummary.NONE;
        }
    }

    public static VersionSample of(long requests, long errors) {
        return new VersionSample(requests, errors, LatencySummary.NONE);
    }

    /** Error rate in [0, 1]; NaN without requests, because no traffic is no evidence of health. */
    public double errorRate() {
        return requests == 0 ? Double.NaN : (double) errors / requests;
    }

    /**
     * The counts served after {@code earlier}. Counters that went backwards (a restarted metrics source)
     * are treated as restarted from zero rather than producing negative counts.
     */
    public VersionSample since(VersionSample earlier) {
        if (requests < earlier.requests || errors < earlier.errors) {
            return this;
        }
        return new VersionSample(requests - earlier.requests, errors - earlier.errors, latency);
    }
}
