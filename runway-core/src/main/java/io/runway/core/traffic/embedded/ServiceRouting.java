package io.runway.core.traffic.embedded;

import io.runway.core.traffic.Route;
import io.runway.core.traffic.RoutingTable;
import io.runway.core.traffic.TrafficMeter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The live routing of one service: the current table (one volatile read per request) and its meters. */
final class ServiceRouting {
    private final String service;
    private final TrafficMeter meter;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong mirrorCandidates = new AtomicLong();
    private final AtomicInteger mirrorsInFlight = new AtomicInteger();
    private volatile RoutingTable table;

    ServiceRouting(String service) {
        this.service = service;
        this.meter = new TrafficMeter(service);
    }

    String service() {
        return service;
    }

    /** The current table, or null before the first route. */
    RoutingTable table() {
        return table;
    }

    // Meters first, so a request routed by the new table always finds its version's meter.
    void publish(Route route) {
        meter.track(route);
        table = RoutingTable.compile(service, route);
    }

    long nextSequence() {
        return sequence.getAndIncrement();
    }

    TrafficMeter meter() {
        return meter;
    }

    /** Numbers the requests that could be copied, for {@link MirrorEligibility}'s pick. */
    long nextMirrorCandidate() {
        return mirrorCandidates.getAndIncrement();
    }

    /** Takes a place for one mirrored copy, if fewer than {@code limit} are in flight. */
    boolean tryStartMirror(int limit) {
        while (true) {
            int now = mirrorsInFlight.get();
            if (now >= limit) {
                return false;
            }
            if (mirrorsInFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void mirrorEnded() {
        mirrorsInFlight.decrementAndGet();
    }
}
