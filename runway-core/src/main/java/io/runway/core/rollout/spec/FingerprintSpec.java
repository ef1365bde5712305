package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What is recorded about the deployment besides service, version and time. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FingerprintSpec(
        @JsonPropertyDescription("Who deploys (default: the OS user).") String deployedBy,
        @JsonPropertyDescription("Their role, e.g. release-manager.") String role,
        @JsonPropertyDescription("Their permissions, for audits.") List<String> permissions,
        @JsonPropertyDescription("Source commit.") String commit,
        @JsonPropertyDescription("Artifact file; its sha256 is recorded.") String artifact) {}
