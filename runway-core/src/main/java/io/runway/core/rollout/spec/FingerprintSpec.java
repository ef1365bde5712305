package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What is recorded about the deployment besides service, version and time. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FingerprintSpec(
        @JsonPropertyDescription("Who deploys (default: the OS user); at most 256 printable characters.") String deployedBy,
        @JsonPropertyDescription("Their role, e.g. release-manager; at most 256 printable characters.") String role,
        @JsonPropertyDescription("Their permissions, for audits; at most 64 of at most 256 printable characters.")
        List<String> permissions,
        @JsonPropertyDescription("Source commit; at most 256 printable characters.") String commit,
        @JsonPropertyDescription("Artifact file (a path of at most 4096 printable characters); its sha256 is recorded.")
        String artifact) {}
