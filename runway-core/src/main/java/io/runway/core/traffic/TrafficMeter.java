package io.runway.core.traffic;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The per-version meters of one service. Meters are created when a route first names a version. */
public final class TrafficMeter {
    private final String service;
    private final ConcurrentHashMap<String, VersionMeter> meters = new ConcurrentHashMap<>();

    public TrafficMeter(String service) {
        this.service = service;
    }

    /** Starts counting every version of {@code route}, so a version with no requests yet shows zeros. */
    public void track(Route route) {
        route.backends().keySet().forEach(this::meterOf);
    }

    public VersionMeter meterOf(String version) {
        return meters.computeIfAbsent(version, v -> new VersionMeter());
    }

    public TrafficSnapshot snapshot(Instant takenAt) {
        Map<String, VersionTraffic> versions = new HashMap<>();
        meters.forEach((version, meter) -> versions.put(version, meter.snapshot()));
        return new TrafficSnapshot(service, takenAt, versions);
    }
}
