package io.runway.core.rollout.control;

import io.runway.core.rollout.DeploymentRef;
import io.runway.core.rollout.Role;
import io.runway.core.rollout.RolloutDecider;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.CohortSpec;
import io.runway.core.rollout.spec.StickinessSpec;
import io.runway.core.traffic.Backend;
import io.runway.core.traffic.CohortRule;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.Stickiness;
import java.util.ArrayList;
import java.util.List;

/** Turns a rollout's routing decision into router routes for the main and the preview listener. */
final class Routes {
    private Routes() {}

    /** The preview listener of a service (blue-green): {@code <service>-preview}. */
    static String previewService(String service) {
        return service + "-preview";
    }

    /**
     * The main listener's route. While the new version is being judged beside the baseline ({@code cohorts}:
     * the canary steps) it also gets the copies {@code analysis.mirror} asks for, if {@code canMirror}.
     */
    static Route main(RolloutState s, int canaryBp, boolean cohorts, boolean canMirror) {
        Route route = main(s, canaryBp, cohorts);
        DeploymentRef canary = s.deployments().get(Role.CANARY);
        boolean judgedBeside = cohorts && canary != null && s.deployments().containsKey(Role.BASELINE)
                && canaryBp < RolloutDecider.FULL;
        if (!judgedBeside || !canMirror || !s.spec().analysis().mirrors()) {
            return route;
        }
        int bp = s.spec().analysis().mirror().movePointRight(2).intValueExact(); // validated: two decimals at most
        return route.withMirror(new Mirror(canary.version(), bp));
    }

    private static Route main(RolloutState s, int canaryBp, boolean cohorts) {
        DeploymentRef base = s.deployments().get(Role.BASELINE);
        DeploymentRef canary = s.deployments().get(Role.CANARY);
        Stickiness sticky = stickiness(s.spec().stickiness());
        if (canary != null && (base == null || canaryBp >= RolloutDecider.FULL)) {
            return Route.single(canary.version(), backend(canary)).withStickiness(sticky);
        }
        if (base == null) {
            throw new IllegalStateException("rollout " + s.id() + " has no running version to route to");
        }
        if (canary == null || (canaryBp == 0 && !cohorts)) {
            return Route.single(base.version(), backend(base)).withStickiness(sticky);
        }
        Route route = Route.canary(base.version(), backend(base), canary.version(), backend(canary), canaryBp)
                .withStickiness(sticky);
        return cohorts ? route.withExperiments(cohortRules(s, canary.version())) : route;
    }

    /** Everything on the preview listener goes to the new version (or, without one, to the baseline). */
    static Route preview(RolloutState s) {
        DeploymentRef canary = s.deployments().get(Role.CANARY);
        DeploymentRef target = canary != null ? canary : s.deployments().get(Role.BASELINE);
        return Route.single(target.version(), backend(target));
    }

    private static List<CohortRule> cohortRules(RolloutState s, String version) {
        if (s.spec().strategy().canary() == null) {
            return List.of();
        }
        List<CohortRule> rules = new ArrayList<>();
        for (CohortSpec c : s.spec().strategy().canary().cohorts()) {
            if (c.header() != null) {
                rules.add(c.equals() != null ? CohortRule.headerEquals(c.header(), c.equals(), version)
                        : CohortRule.headerMatches(c.header(), c.matches(), version));
            } else {
                rules.add(c.equals() != null ? CohortRule.cookieEquals(c.cookie(), c.equals(), version)
                        : CohortRule.cookieMatches(c.cookie(), c.matches(), version));
            }
        }
        return rules;
    }

    private static Stickiness stickiness(StickinessSpec spec) {
        if (spec == null) {
            return Stickiness.NONE;
        }
        return spec.header() != null ? Stickiness.header(spec.header()) : Stickiness.cookie(spec.cookie());
    }

    private static Backend backend(DeploymentRef ref) {
        return new Backend(ref.endpoint());
    }
}
