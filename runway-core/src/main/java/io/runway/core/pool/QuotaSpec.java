package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Limits within one pool. */
public record QuotaSpec(
        @JsonPropertyDescription("Most resources one owner may hold in this pool at once; absent means no limit.")
        Integer perOwner) {

    public static QuotaSpec none() {
        return new QuotaSpec(null);
    }
}
