package io.runway.core.fingerprint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The identity of one deployment: who deployed what software, from which commit and artifact, with which
 * role, and when. Written once, when a rollout starts deploying, and never changed.
 *
 * @param id unique, sortable by time: {@code f-<epoch millis>-<random>}
 * @param artifactDigest {@code sha256:<hex>} of the artifact when one was given, else null
 * @param permissions what the deployer was allowed to do (e.g. Jenkins permissions), for audits
 * @param rolloutId the rollout that made this deployment, or null for one made by other means
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fingerprint(
        String id,
        String service,
        String version,
        String deployedBy,
        String role,
        List<String> permissions,
        String commit,
        String artifact,
        String artifactDigest,
        String rolloutId,
        Instant at) {

    public Fingerprint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(deployedBy, "deployedBy");
        Objects.requireNonNull(at, "at");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
