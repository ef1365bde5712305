package io.runway.core.rollout;

import java.time.Instant;

/**
 * Requests from people, recorded durably in the rollout so they survive a restart and are idempotent:
 * asking twice is asking once.
 *
 * @param promoteBy who asked to promote (skip the remaining steps), or null
 * @param abortBy who asked to abort (roll back), or null
 */
public record Commands(String promoteBy, Instant promoteAt, String abortBy, Instant abortAt) {
    public static final Commands NONE = new Commands(null, null, null, null);

    public Commands promote(String by, Instant at) {
        return promoteBy != null ? this : new Commands(by, at, abortBy, abortAt);
    }

    public Commands abort(String by, Instant at) {
        return abortBy != null ? this : new Commands(promoteBy, promoteAt, by, at);
    }
}
