package io.runway.aws.ec2;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One EC2 instance as runway sees it.
 *
 * @param state the EC2 state name: pending, running, shutting-down, terminated, stopping, stopped
 * @param spot whether it was launched as Spot
 */
public record Ec2Instance(String id, String state, String privateIp, boolean spot, Instant launchTime,
                          Map<String, String> tags) {
    public Ec2Instance {
        tags = Map.copyOf(tags);
    }

    /** Still costs money or serves: not terminated or on its way there. */
    public boolean isLive() {
        return !"terminated".equals(state) && !"shutting-down".equals(state);
    }

    public String tag(String key) {
        return tags.get(key);
    }

    /** The expiry tag; empty when absent or unreadable (then only the lease decides). */
    public Optional<Instant> expiresAt() {
        String v = tags.get(Ec2Tags.EXPIRES_AT);
        try {
            return v == null ? Optional.empty() : Optional.of(Instant.parse(v));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
