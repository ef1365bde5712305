package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests whose header or cookie (exactly one) equals or matches a value go to the new version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CohortSpec(
        @JsonPropertyDescription("Header name to look at.") String header,
        @JsonPropertyDescription("Cookie name to look at.") String cookie,
        @JsonPropertyDescription("Exact value (one of equals and matches).") String equals,
        @JsonPropertyDescription("RE2 regular expression (no backreferences or lookaround) the whole value must match;"
                + " values over 8192 characters never match.") String matches) {}
