package io.runway.core.rollout;

import io.runway.core.judge.Judgement;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the controller saw since the last decision: each role's deployment, and the gate's judgement if a
 * measurement was judged (null otherwise).
 */
public record Observation(Map<Role, DeployStatus> deploys, Judgement judgement) {
    public Observation {
        Map<Role, DeployStatus> all = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            all.put(role, deploys.getOrDefault(role, DeployStatus.ABSENT));
        }
        deploys = Map.copyOf(all);
    }

    public DeployStatus of(Role role) {
        return deploys.get(role);
    }
}
