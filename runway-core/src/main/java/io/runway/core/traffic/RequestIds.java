package io.runway.core.traffic;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The correlation id a request carries end to end ({@value #HEADER}): the client's own when it is sane,
 * a fresh one otherwise.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** Longer ids are replaced: they bloat logs and are a cheap way to smuggle data through. */
    public static final int MAX_LENGTH = 128;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** {@code offered} if it is a sane id, else a newly generated one. */
    public static String acceptOrGenerate(String offered) {
        return isSane(offered) ? offered : generate();
    }

    /** 1-{@value #MAX_LENGTH} characters of letters, digits and {@code -_.:/+=} (UUIDs, base64, trace ids). */
    public static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:/+=".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * 32 random hex characters (128 bits). ThreadLocalRandom rather than UUID.randomUUID: ids need to be
     * unique, not unguessable, and SecureRandom would be a contention point on the hot path.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long hi = random.nextLong();
        long lo = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
