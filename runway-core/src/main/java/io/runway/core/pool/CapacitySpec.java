package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Caps over all pools together. */
public record CapacitySpec(
        @JsonPropertyDescription("Most resources all pools together may hold (listed plus provisioned); absent means no overall cap.")
        Integer maxResources) {

    public static CapacitySpec none() {
        return new CapacitySpec(null);
    }

    /** {@code maxResources}, or Integer.MAX_VALUE when there is no overall cap. */
    public int maxOrUnlimited() {
        return maxResources == null ? Integer.MAX_VALUE : maxResources;
    }
}
