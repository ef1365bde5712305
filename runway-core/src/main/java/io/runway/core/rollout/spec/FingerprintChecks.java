package io.runway.core.rollout.spec;

import static io.runway.core.spec.FieldPath.index;

import io.runway.core.spec.Printable;
import io.runway.core.spec.Violation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks of the fingerprint section. It is stored for good in the audit log and printed by terminals and
 * Jenkins pages, so it holds bounded, readable text only: an ESC sequence, a CR/LF or a bidi override there
 * could forge or hide what an auditor reads.
 */
final class FingerprintChecks {
    static final int MAX_TEXT = 256;
    static final int MAX_PERMISSIONS = 64;
    static final int MAX_ARTIFACT = 4096;

    private FingerprintChecks() {}

    static void check(List<Violation> out, FingerprintSpec f) {
        if (f == null) {
            return;
        }
        text(out, "fingerprint.deployedBy", f.deployedBy(), MAX_TEXT);
        text(out, "fingerprint.role", f.role(), MAX_TEXT);
        List<String> permissions = f.permissions() == null ? List.of() : f.permissions();
        if (permissions.size() > MAX_PERMISSIONS) {
            out.add(new Violation("fingerprint.permissions", "at most " + MAX_PERMISSIONS + " permissions, not "
                    + permissions.size()));
        } else {
            for (int i = 0; i < permissions.size(); i++) {
                String path = index("fingerprint.permissions", i);
                if (permissions.get(i) == null) {
                    out.add(new Violation(path, "a permission is a string"));
                } else {
                    text(out, path, permissions.get(i), MAX_TEXT);
                }
            }
        }
        text(out, "fingerprint.commit", f.commit(), MAX_TEXT);
        artifact(out, f.artifact());
    }

    private static void artifact(List<Violation> out, String artifact) {
        String path = "fingerprint.artifact";
        if (artifact != null && artifact.isBlank()) {
            out.add(new Violation(path, "a path to the artifact file, not blank"));
        } else if (text(out, path, artifact, MAX_ARTIFACT)) {
            try {
                Path.of(artifact);
            } catch (InvalidPathException e) {
                out.add(new Violation(path, "not a valid path here: " + e.getReason()));
            }
        }
    }

    /** Adds the violation of an optional text field, if any; true when {@code value} is present and fine. */
    private static boolean text(List<Violation> out, String path, String value, int maxLength) {
        if (value == null) {
            return false;
        }
        if (value.length() > maxLength) {
            out.add(new Violation(path, "at most " + maxLength + " characters, not " + value.length()));
            return false;
        }
        int bad = Printable.firstDeceptive(value);
        if (bad >= 0) {
            out.add(new Violation(path, String.format("U+%04X at index %d is not allowed (no control or bidi"
                    + " characters, zero-width space or byte-order mark)", value.codePointAt(bad), bad)));
            return false;
        }
        return true;
    }
}
