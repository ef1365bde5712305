package io.runway.core.traffic;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-version traffic of one service, cumulative since each version was first routed: what each version
 * served to clients ({@code versions}) and, apart, the answers to the copies a {@link Mirror} sent it
 * ({@code mirrored}), which no client saw.
 */
public record TrafficSnapshot(String service, Instant takenAt, Map<String, VersionTraffic> versions,
                              Map<String, VersionTraffic> mirrored) {

    public TrafficSnapshot {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(takenAt, "takenAt");
        versions = Map.copyOf(versions);
        mirrored = mirrored == null ? Map.of() : Map.copyOf(mirrored);
    }

    /** A snapshot of a router that mirrors nothing. */
    public TrafficSnapshot(String service, Instant takenAt, Map<String, VersionTraffic> versions) {
        this(service, takenAt, versions, Map.of());
    }

    /** The traffic {@code version} served to clients; {@link VersionTraffic#EMPTY} if it was never routed. */
    public VersionTraffic version(String version) {
        return versions.getOrDefault(version, VersionTraffic.EMPTY);
    }

    /** The mirrored copies {@code version} answered; {@link VersionTraffic#EMPTY} if it was sent none. */
    public VersionTraffic mirrored(String version) {
        return mirrored.getOrDefault(version, VersionTraffic.EMPTY);
    }

    /** All versions together, as served to clients (mirrored copies are not client traffic). */
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
        Map<String, VersionTraffic> mirroredInterval = new HashMap<>();
        mirrored.forEach((version, traffic) -> mirroredInterval.put(version, traffic.minus(earlier.mirrored(version))));
        return new TrafficSnapshot(service, takenAt, interval, mirroredInterval);
    }
}
