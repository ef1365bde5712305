package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the user key is: a header or a cookie (exactly one). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StickinessSpec(
        @JsonPropertyDescription("Header holding the user key, e.g. X-User.") String header,
        @JsonPropertyDescription("Cookie holding the user key.") String cookie) {}
