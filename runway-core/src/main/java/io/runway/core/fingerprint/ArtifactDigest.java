package io.runway.core.fingerprint;

import io.runway.core.error.InvalidInputException;
import io.runway.core.spec.ValueDescriptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of an artifact file, streamed (artifacts can be large), as {@code sha256:<hex>}. */
public final class ArtifactDigest {
    /** Paths are echoed whole up to this length, which names any ordinary file; a hostile one is cut. */
    private static final int MAX_SHOWN = 256;

    private ArtifactDigest() {}

    /** The digest of the file named {@code artifact}, a path as a user wrote it (it may be no path at all). */
    public static String of(String artifact, String field) {
        Path path;
        try {
            path = Path.of(artifact);
        } catch (InvalidPathException e) { // e.g. a NUL: the caller's mistake, not a server error
            throw new InvalidInputException(field, "artifact '" + ValueDescriptions.shortened(artifact, MAX_SHOWN)
                    + "' is not a valid path: " + e.getReason());
        }
        return of(path, field);
    }

    public static String of(Path artifact, String field) {
        if (!Files.isRegularFile(artifact)) {
            throw new InvalidInputException(field, "artifact " + shown(artifact) + " is not a readable file");
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(artifact), sha256())) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidInputException(field, "cannot read artifact " + shown(artifact) + ": "
                    + ValueDescriptions.shortened(e.getMessage(), MAX_SHOWN));
        }
    }

    private static String shown(Path artifact) {
        return ValueDescriptions.shortened(artifact.toString(), MAX_SHOWN);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
