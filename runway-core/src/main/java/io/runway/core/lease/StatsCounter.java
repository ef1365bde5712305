package io.runway.core.lease;

import io.runway.core.store.LeaseRecord;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts what became durable, for {@link EngineStats}. */
final class StatsCounter {
    final LongAdder granted = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder revoked = new LongAdder();
    final LongAdder renewed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder commands = new LongAdder();

    void count(Collection<LeaseRecord> records) {
        for (LeaseRecord r : records) {
            switch (r.state()) {
                case ACTIVE -> (r.version() == 1 ? granted : renewed).increment();
                case RELEASED -> released.increment();
                case EXPIRED -> expired.increment();
                case REVOKED -> revoked.increment();
                default -> { }
            }
        }
    }

    EngineStats snapshot(LeaseSnapshots snapshots, Map<String, Integer> freeByPool, long timedOut) {
        int active = 0;
        int waiting = 0;
        for (Lease l : snapshots.leases()) {
            if (l.state() == LeaseState.ACTIVE) {
                active++;
            } else if (l.state() == LeaseState.WAITING) {
                waiting++;
            }
        }
        return new EngineStats(granted.sum(), released.sum(), expired.sum(), revoked.sum(), timedOut,
                rejected.sum(), renewed.sum(), active, waiting, Map.copyOf(freeByPool), batches.sum(), commands.sum());
    }
}
