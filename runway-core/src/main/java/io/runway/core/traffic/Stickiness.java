package io.runway.core.traffic;

import java.util.Optional;

/**
 * Which request value identifies a user, so that the user keeps the same version while the canary's
 * share grows. {@link #NONE} splits requests without regard to who sends them.
 */
public record Stickiness(RequestKey userKey) {

    public static final Stickiness NONE = new Stickiness(null);

    public static Stickiness header(String name) {
        return new Stickiness(RequestKey.header(name));
    }

    public static Stickiness cookie(String name) {
        return new Stickiness(RequestKey.cookie(name));
    }

    public Optional<RequestKey> key() {
        return Optional.ofNullable(userKey);
    }

    public boolean isSticky() {
        return userKey != null;
    }
}
