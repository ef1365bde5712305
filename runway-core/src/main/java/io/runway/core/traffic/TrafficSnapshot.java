package io.runway.core.traffic;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Per-version traffic of one service, cumulative since each version was first routed. */
public record TrafficSnapshot(String service, Instant takenAt, Map<String, VersionTraffic> versions) {

    public TrafficSnapshot {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(takenAt, "takenAt");
        versions = Map.copyOf(versions);
    }

    /** The traffic of {@code version}; {@link VersionTraffic#EMPTY} if it was never routed. */
    public VersionTraffic version(String version) {
        return versions.getOrDefault(version, VersionTraffic.EMPTY);
    }

    /** All versions together. */
    public VersionTraffic total() {
        return versions.values().stream().reduce(VersionTraffic.EMPTY, VersionTraffic::plus);
    }

    /** The traffic between {@code earlier} and this snapshot, stamped with this snapshot's time. */
    public TrafficSnapshot minus(TrafficSnapshot earlier) {
        if (!service.equals(earlier.service)) {
            throw new IllegalArgumentException("cannot subtract a snapshot of " + earlier.service + " from " + service);
        }
        if (earlier.takenAt.isAfter(takenAt)) {
            throw new IllegalArgumentException("snapshot taken at " + earlier.takenAt
                    + " is later than this one, taken at " + takenAt);
        }
        Map<String, VersionTraffic> interval = new HashMap<>();
        versions.forEach((version, traffic) -> interval.put(version, traffic.minus(earlier.version(version))));
        return new TrafficSnapshot(service, takenAt, interval);
    }
}
