package io.runway.core.traffic;

import io.runway.core.error.InvalidInputException;
import java.util.Objects;

/**
 * Shadow traffic: a copy of {@code basisPoints} of the requests served by the other versions is also sent
 * to {@code version}. Clients always get the answer of the version that served them; the copy's answer is
 * counted for {@code version} as mirrored traffic and thrown away.
 *
 * <p>Only requests that are safe to repeat are copied: GET, HEAD and OPTIONS without a body. A router
 * sends fewer copies rather than letting them crowd out real requests to the mirrored version (the
 * embedded router keeps at most half of its connections to that version for copies).
 */
public record Mirror(String version, int basisPoints) {

    public Mirror {
        Objects.requireNonNull(version, "version");
        if (basisPoints < 1 || basisPoints > Route.TOTAL) {
            throw new InvalidInputException("mirror", "mirror share is " + basisPoints
                    + " basis points; it must be between 1 and " + Route.TOTAL + " (1% = 100)");
        }
    }
}
