package io.runway.core.rollout.control;

import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.ReadinessProbe;
import io.runway.core.rollout.Role;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.DeploySpec;
import io.runway.core.rollout.spec.ReadinessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the provider's deployment requests from a rollout spec; the rollout id is the owner. */
final class DeployRequests {
    private final RolloutState rollout;

    DeployRequests(RolloutState rollout) {
        this.rollout = rollout;
    }

    DeploymentRequest of(Role role) {
        String version = role == Role.CANARY ? rollout.spec().version() : rollout.spec().baseline();
        DeploySpec deploy = rollout.spec().deploy();
        List<String> command = new ArrayList<>(deploy.command());
        Map<String, String> env = new LinkedHashMap<>(deploy.env());
        DeploySpec.VersionOverride extra = deploy.versions().get(version);
        if (extra != null) {
            command.addAll(extra.args());
            env.putAll(extra.env());
        }
        ReadinessSpec r = deploy.readiness();
        Duration attempt = r.interval().compareTo(Duration.ofSeconds(1)) > 0 ? r.interval() : Duration.ofSeconds(1);
        return new DeploymentRequest(rollout.spec().service(), version, rollout.id(), command, env, null,
                new ReadinessProbe(r.path(), r.interval(), attempt), r.timeout());
    }
}
