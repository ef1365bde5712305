package io.runway.jenkins;

import io.runway.core.error.ConflictException;
import io.runway.core.resource.ResourceView;
import java.util.List;

/**
 * The controller-wide share rail: one lease may not take more than {@code maxSharePercent} of a pool's
 * resources at once ("am I about to take most of the fleet?"). Checked before a request reaches the
 * engine, so a refused request changes nothing.
 */
public final class SafetyRails {
    private SafetyRails() {}

    public static void checkShare(String pool, int count, List<ResourceView> resources, int maxSharePercent) {
        if (pool == null || maxSharePercent >= 100) {
            return;
        }
        long size = resources.stream().filter(r -> r.pool().equals(pool)).count();
        if (size > 0 && count * 100L > size * maxSharePercent) {
            throw new ConflictException("safety_rail", "a lease of " + count + " of the " + size + " resources of pool "
                    + pool + " is more than the configured share of " + maxSharePercent + "%");
        }
    }
}
