package io.runway.core.rollout.spec;

import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.ReadinessProbe;
import io.runway.core.error.InvalidInputException;
import io.runway.core.spec.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment request that starts one version of a rollout: the spec's command and environment plus that
 * version's overrides. The validator builds the same requests as the controller, so a spec that validates
 * never fails later when a version is started (the deployer's limits are the single source of truth).
 */
public final class VersionDeployment {
    private static final Pattern COMMAND_ARGUMENT = Pattern.compile("command\\[(\\d+)]");
    /** Each readiness attempt may take the probe interval, but at least this long. */
    private static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(1);

    private VersionDeployment() {
    }

    /** The request for {@code version} of {@code spec}, owned by {@code ownerId} (the rollout's id). */
    public static DeploymentRequest request(RolloutSpec spec, String version, String ownerId) {
        DeploySpec deploy = spec.deploy();
        List<String> command = new ArrayList<>(deploy.command());
        Map<String, String> env = new LinkedHashMap<>(deploy.env());
        DeploySpec.VersionOverride extra = deploy.versions().get(version);
        if (extra != null) {
            command.addAll(extra.args());
            env.putAll(extra.env());
        }
        ReadinessSpec r = deploy.readiness();
        Duration attempt = r.interval().compareTo(SHORTEST_ATTEMPT) > 0 ? r.interval() : SHORTEST_ATTEMPT;
        return new DeploymentRequest(spec.service(), version, ownerId, command, env, null,
                new ReadinessProbe(r.path(), r.interval(), attempt), r.timeout());
    }

    /**
     * The violation, if any, that would stop {@code version} (the spec's {@code role}: "version" or "baseline")
     * from being started, named by its field in the spec.
     */
    static List<Violation> check(RolloutSpec spec, String role, String version) {
        try {
            request(spec, version, "validation");
            return List.of();
        } catch (InvalidInputException e) {
            return List.of(new Violation(specField(spec, role, version, e.field()), e.getMessage()));
        }
    }

    /** Whether the command every version shares is within the deployer's limits on its own. */
    private static boolean commonCommandFits(RolloutSpec spec) {
        List<String> common = spec.deploy().command();
        return common.size() <= DeploymentRequest.MAX_ARGUMENTS
                && common.stream().mapToLong(String::length).sum() <= DeploymentRequest.MAX_COMMAND_LENGTH;
    }

    /** Maps a field of {@link DeploymentRequest} or {@link ReadinessProbe} to the spec field it came from. */
    private static String specField(RolloutSpec spec, String role, String version, String requestField) {
        String field = requestField == null ? "" : requestField;
        Matcher argument = COMMAND_ARGUMENT.matcher(field);
        int common = spec.deploy().command().size();
        if (argument.matches()) {
            int i = Integer.parseInt(argument.group(1));
            return i < common ? "deploy.command[" + i + "]"
                    : "deploy.versions." + version + ".args[" + (i - common) + "]";
        }
        if (field.startsWith("environment.")) {
            String name = field.substring("environment.".length());
            DeploySpec.VersionOverride extra = spec.deploy().versions().get(version);
            return extra != null && extra.env().containsKey(name) ? "deploy.versions." + version + ".env." + name
                    : "deploy.env." + name;
        }
        return switch (field) {
            case "service" -> "service";
            case "version" -> role;
            case "command" -> commonCommandFits(spec) ? "deploy.versions." + version + ".args" : "deploy.command";
            case "environment" -> "deploy.env";
            case "readiness.path" -> "deploy.readiness.path";
            case "readiness.interval" -> "deploy.readiness.interval";
            case "readyTimeout" -> "deploy.readiness.timeout";
            default -> "deploy";
        };
    }
}
