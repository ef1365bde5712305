package io.runway.core.fingerprint;

import io.runway.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of an artifact file, streamed (artifacts can be large), as {@code sha256:<hex>}. */
public final class ArtifactDigest {
    private ArtifactDigest() {}

    public static String of(Path artifact, String field) {
        if (!Files.isRegularFile(artifact)) {
            throw new InvalidInputException(field, "artifact " + artifact + " is not a readable file");
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(artifact), sha256())) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidInputException(field, "cannot read artifact " + artifact + ": " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
