package io.runway.core.placement;

import java.util.List;
import java.util.Map;

/**
 * What one scaling decision wants done, and why.
 *
 * @param provisions resources to add, per pool, with the demand that asked for them
 * @param deprovisions provisioned resources to scale down, each idle past its pool's idle timeout
 * @param requests for every waiting placement: whether it is blocked and a reason a person can act on
 */
public record ScalingPlan(List<Provision> provisions, List<Deprovision> deprovisions, Map<String, RequestVerdict> requests) {
    public ScalingPlan {
        provisions = List.copyOf(provisions);
        deprovisions = List.copyOf(deprovisions);
        requests = Map.copyOf(requests);
    }

    public record Provision(String pool, int count, String reason) {}

    public record Deprovision(String pool, String resourceId, String reason) {}

    /**
     * @param blocked true when nothing free, provisioning or provisionable can serve the request: it waits
     *     until capacity changes
     * @param never true when it could not be served even with every matching resource free and every pool
     *     that could serve it at its max: waiting would only hold resources from the requests behind it
     */
    public record RequestVerdict(boolean blocked, boolean never, String reason) {
        public RequestVerdict(boolean blocked, String reason) {
            this(blocked, false, reason);
        }
    }

    public int provisionCount() {
        return provisions.stream().mapToInt(Provision::count).sum();
    }
}
