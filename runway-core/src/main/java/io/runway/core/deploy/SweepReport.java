package io.runway.core.deploy;

import java.util.List;
import java.util.Map;

/**
 * What a janitor sweep did.
 *
 * @param removed deployments whose owner was not live, now stopped and forgotten
 * @param kept deployments whose owner is live
 * @param failed deployments that should have been removed but could not be, with the reason; a later
 *     sweep tries again
 */
public record SweepReport(List<String> removed, List<String> kept, Map<String, String> failed) {
    public SweepReport {
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
        failed = Map.copyOf(failed);
    }
}
