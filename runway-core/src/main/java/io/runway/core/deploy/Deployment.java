package io.runway.core.deploy;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One running (or starting) version.
 *
 * @param endpoint where it serves, {@code http://127.0.0.1:PORT} for local processes
 * @param pid the operating-system process id, or 0 while only the intent is recorded
 * @param processStart when the process started as the OS reports it (with the pid, identifies the process
 *     so a reused pid is never mistaken for it), or null while only the intent is recorded
 */
public record Deployment(String id, String service, String version, String ownerId, URI endpoint, long pid,
                         Instant processStart, DeploymentState state) {
    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
    }
}
