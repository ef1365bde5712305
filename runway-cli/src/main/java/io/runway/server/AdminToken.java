package io.runway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The administrator's bearer token. Absent means every admin call is refused. Compared in constant time
 * so response timing does not reveal how much of a guess was right.
 */
public final class AdminToken {
    private final byte[] expected;

    private AdminToken(byte[] expected) {
        this.expected = expected;
    }

    public static AdminToken none() {
        return new AdminToken(null);
    }

    public static AdminToken of(String token) {
        String t = token == null ? "" : token.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the admin token is empty");
        }
        return new AdminToken(t.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the token from a file (trimmed); null path means no admin token. */
    public static AdminToken fromFile(Path file) throws IOException {
        return file == null ? none() : of(io.runway.cli.TokenFile.read(file, "--admin-token-file"));
    }

    public boolean isConfigured() {
        return expected != null;
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <the admin token>}. */
    public boolean acceptsAuthorization(String header) {
        if (expected == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
