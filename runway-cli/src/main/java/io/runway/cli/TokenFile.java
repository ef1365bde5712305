package io.runway.cli;

import io.runway.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from the file an option names, trimmed. Bounded: a token is one short line, and the file may
 * be a pipe such as {@code <(pass show runway)}, whose size nobody knows in advance (so no size check first).
 */
public final class TokenFile {
    /** Far above any token; a file longer than this is the wrong file. */
    static final int MAX_BYTES = 8 * 1024;

    private TokenFile() {}

    /** The trimmed contents of {@code file}, named {@code option} in the error if it is too long. */
    public static String read(Path file, String option) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(option, file + ": longer than " + MAX_BYTES + " bytes; a token file holds one token");
        }
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }
}
