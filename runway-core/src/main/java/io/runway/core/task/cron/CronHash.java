package io.runway.core.task.cron;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stable hash behind Jenkins' {@code H}: the same name always picks the same minute (hour, ...) in
 * every JVM and after every restart, and different names spread over the range.
 *
 * <p>Definition (documented in docs/tasks.md, do not change: it would move every schedule): the first 8
 * bytes of SHA-256 over the UTF-8 bytes of {@code name + '\0' + field}, read as an unsigned big-endian
 * 64-bit number, modulo the span. {@code field} is {@code minute}, {@code hour}, {@code day-of-month},
 * {@code month} or {@code day-of-week}, so the fields of one name are independent of each other.
 */
public final class CronHash {
    private CronHash() {}

    /** A value in {@code [0, span)} for {@code name} in {@code field}. */
    public static int pick(String name, String field, int span) {
        if (span <= 0) {
            throw new IllegalArgumentException("span must be positive: " + span);
        }
        byte[] digest = sha256((name + '\0' + field).getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(h, span);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
