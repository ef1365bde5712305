package io.runway.aws.ec2;

import io.runway.core.error.InvalidInputException;
import java.util.List;

/**
 * One EC2-backed pool: where its instances come from and its limits.
 *
 * @param pool the pool name, written to {@link Ec2Tags#POOL}
 * @param launchTemplate a launch template id ({@code lt-...}) or name; null when {@code autoScalingGroup} is set
 * @param launchTemplateVersion a number, {@code $Default} or {@code $Latest}
 * @param autoScalingGroup a group whose launch template and subnets are used; the group's own desired
 *     capacity is never changed (runway launches and terminates instances itself, outside the group)
 * @param subnets subnets to spread launches over, round-robin; empty: the template's own network settings
 * @param maxInstances cap on live instances in the pool, all owners together
 * @param spot launch as Spot first, on-demand when Spot has no capacity
 * @param maxTerminateShare safety rail: the largest share (0, 1] of the pool's live instances one call may
 *     terminate; at least one instance may always go
 * @param controllerId this runway host, written to {@link Ec2Tags#OWNER_CONTROLLER}
 */
public record Ec2PoolOptions(String pool, String launchTemplate, String launchTemplateVersion, String autoScalingGroup,
                             List<String> subnets, int maxInstances, boolean spot, double maxTerminateShare,
                             String controllerId) {
    public Ec2PoolOptions {
        if (pool == null || !pool.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidInputException("pool", "must be 1-63 of a-z, 0-9 and '-', was '" + pool + "'");
        }
        if ((launchTemplate == null) == (autoScalingGroup == null)) {
            throw new InvalidInputException("launchTemplate", "exactly one of launchTemplate and autoScalingGroup is required");
        }
        launchTemplateVersion = launchTemplateVersion == null ? "$Default" : launchTemplateVersion;
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        if (maxInstances < 1) {
            throw new InvalidInputException("maxInstances", "must be at least 1");
        }
        if (!(maxTerminateShare > 0 && maxTerminateShare <= 1)) {
            throw new InvalidInputException("maxTerminateShare", "must be in (0, 1], was " + maxTerminateShare);
        }
        if (controllerId == null || controllerId.isBlank()) {
            throw new InvalidInputException("controllerId", "is required");
        }
    }

    public static Ec2PoolOptions fromTemplate(String pool, String launchTemplate, List<String> subnets, String controllerId) {
        return new Ec2PoolOptions(pool, launchTemplate, null, null, subnets, 20, false, 0.5, controllerId);
    }

    public Ec2PoolOptions withLimits(int newMaxInstances, double newMaxTerminateShare) {
        return new Ec2PoolOptions(pool, launchTemplate, launchTemplateVersion, autoScalingGroup, subnets,
                newMaxInstances, spot, newMaxTerminateShare, controllerId);
    }

    public Ec2PoolOptions withSpot(boolean newSpot) {
        return new Ec2PoolOptions(pool, launchTemplate, launchTemplateVersion, autoScalingGroup, subnets, maxInstances,
                newSpot, maxTerminateShare, controllerId);
    }

    public Ec2PoolOptions withController(String newControllerId) {
        return new Ec2PoolOptions(pool, launchTemplate, launchTemplateVersion, autoScalingGroup, subnets, maxInstances,
                spot, maxTerminateShare, newControllerId);
    }
}
