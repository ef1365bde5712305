package io.runway.core.lease;

/**
 * A granted lease and its secret token. The token is handed out once, here; the engine keeps only its hash.
 */
public record Grant(Lease lease, String token) {
    @Override
    public String toString() {
        return "Grant[lease=" + lease + ", token=<redacted>]";
    }
}
