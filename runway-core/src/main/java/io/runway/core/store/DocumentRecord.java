package io.runway.core.store;

import java.util.Objects;

/**
 * A versioned JSON document of some kind (a rollout, a deployment intent, a fingerprint, a task run):
 * state that is not a lease or a resource but must be just as durable. Versions follow the same rule as
 * leases and resources: each write is exactly one more than the stored version (1 for a new id).
 *
 * @param kind what the document is, e.g. {@code rollout}; {@code [a-z0-9.-]{1,40}}
 * @param body the JSON text, or null to delete the document (the write still carries the next version)
 */
public record DocumentRecord(String kind, String id, long version, String body) {
    public DocumentRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        if (!kind.matches("[a-z0-9.-]{1,40}")) {
            throw new IllegalArgumentException("document kind must match [a-z0-9.-]{1,40}: " + kind);
        }
    }

    /** The key a store files this document under: {@code kind/id}. */
    public String key() {
        return key(kind, id);
    }

    public static String key(String kind, String id) {
        return kind + '/' + id;
    }

    public boolean isDeletion() {
        return body == null;
    }
}
