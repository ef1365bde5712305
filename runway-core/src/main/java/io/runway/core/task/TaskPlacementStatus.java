package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where an attempt's placement stands, as its launcher reports it before (and when) the command starts.
 *
 * @param state the placement's state: {@code QUEUED}, {@code WAITING_FOR_CAPACITY}, {@code BLOCKED},
 *     {@code PLACED} or {@code FAILED}
 * @param reason why, in words (for a blocked placement: what no resource and no pool offers)
 * @param leaseId the lease standing for the placement (the waiting request, then the granted lease)
 * @param fencingToken the granted lease's fencing token, or null before the grant
 * @param resources the granted resource ids, empty before the grant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskPlacementStatus(String state, String reason, String leaseId, Long fencingToken, List<String> resources) {
    public TaskPlacementStatus {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** Waiting: not PLACED and not FAILED. */
    public boolean waiting() {
        return !"PLACED".equals(state) && !"FAILED".equals(state);
    }
}
