package io.runway.core.lease;

import java.security.SecureRandom;

/** Lease ids: short, URL-safe, unguessable enough not to collide across restarts ({@code l-} + 16 hex). */
final class LeaseIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private LeaseIds() {}

    static String next() {
        String hex = Long.toHexString(RANDOM.nextLong());
        return "l-" + "0".repeat(16 - hex.length()) + hex;
    }
}
