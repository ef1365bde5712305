package io.runway.core.rollout.control;

import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;

/** A router that cannot mirror and always reports the same traffic; routes are accepted and forgotten. */
record FixedRouter(TrafficSnapshot snapshot) implements TrafficRouter {
    @Override
    public void setRoute(String service, Route route) {
    }

    @Override
    public TrafficSnapshot snapshot(String service) {
        return snapshot;
    }

    @Override
    public void close() {
    }
}
