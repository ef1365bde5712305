package io.runway.core.traffic;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-version meters of one service, for served and for mirrored requests. Meters are created when a
 * route first names a version.
 */
public final class TrafficMeter {
    private final String service;
    private final ConcurrentHashMap<String, VersionMeter> meters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, VersionMeter> mirrorMeters = new ConcurrentHashMap<>();

    public TrafficMeter(String service) {
        this.service = service;
    }

    /** Starts counting every version of {@code route}, so a version with no requests yet shows zeros. */
    public void track(Route route) {
        route.backends().keySet().forEach(this::meterOf);
        if (route.mirror() != null) {
            mirrorMeterOf(route.mirror().version());
        }
    }

    public VersionMeter meterOf(String version) {
        return meters.computeIfAbsent(version, v -> new VersionMeter());
    }

    /** Counts the answers to the copies mirrored to {@code version}. */
    public VersionMeter mirrorMeterOf(String version) {
        return mirrorMeters.computeIfAbsent(version, v -> new VersionMeter());
    }

    public TrafficSnapshot snapshot(Instant takenAt) {
        return new TrafficSnapshot(service, takenAt, snapshots(meters), snapshots(mirrorMeters));
    }

    private static Map<String, VersionTraffic> snapshots(Map<String, VersionMeter> byVersion) {
        Map<String, VersionTraffic> versions = new HashMap<>();
        byVersion.forEach((version, meter) -> versions.put(version, meter.snapshot()));
        return versions;
    }
}
