package io.runway.core.traffic;

import java.nio.charset.StandardCharsets;

/**
 * Maps requests to buckets in [0, {@value Route#TOTAL}). A version owns a contiguous range of buckets,
 * so the bucket decides the version.
 */
public final class Buckets {

    // Close to 10,000 / golden ratio and coprime with 10,000: consecutive sequence numbers land far
    // apart, and every 10,000 consecutive numbers visit every bucket exactly once.
    private static final long SEQUENCE_STRIDE = 6_181;

    private Buckets() {
    }

    /**
     * The bucket of a user key. Stable across JVMs and releases (no {@code String.hashCode}); salted with
     * the service so the same users are not the canary cohort of every service.
     */
    public static int ofUserKey(String service, String userKey) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 offset basis
        h = fnv1a(h, service.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * 0x100000001b3L; // a separator byte no UTF-8 text contains
        h = fnv1a(h, userKey.getBytes(StandardCharsets.UTF_8));
        return (int) Long.remainderUnsigned(mix(h), Route.TOTAL);
    }

    /**
     * The bucket of the n-th request without a user key. A counter rather than a random draw, so a split
     * is exact over every 10,000 requests and tests cannot flake.
     */
    public static int ofSequence(long n) {
        return (int) Math.floorMod((n % Route.TOTAL) * SEQUENCE_STRIDE, (long) Route.TOTAL);
    }

    private static long fnv1a(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    // FNV alone leaves the low bits poorly mixed for short keys; a 64-bit avalanche step fixes that.
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
