package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a version is started. The command is an argument list (never run through a shell) in which
 * {@code ${port}}, {@code ${version}} and {@code ${service}} are replaced.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeploySpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Program and arguments, e.g. [java, -jar, app.jar, --port, \"${port}\"].")
        List<String> command,
        @JsonPropertyDescription("Environment variables for every version.")
        Map<String, String> env,
        @JsonPropertyDescription("Extra arguments and environment per version, keyed by version.")
        Map<String, VersionOverride> versions,
        @JsonPropertyDescription("How to tell a started version is ready for traffic.")
        ReadinessSpec readiness) {

    public DeploySpec {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        versions = versions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        readiness = readiness == null ? ReadinessSpec.DEFAULT : readiness;
    }

    /** Extra arguments (appended to the command) and environment for one version. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record VersionOverride(List<String> args, Map<String, String> env) {
        public VersionOverride {
            args = args == null ? List.of() : List.copyOf(args);
            env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }
    }
}
