package io.runway.core.store.embedded;

import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rough, manual throughput figure (not a test): {@code clients} leases cycle acquire → release as fast
 * as the store acknowledges, each step one batch of a lease, a resource and two events. Run with
 * {@code java -cp <test classpath> io.runway.core.store.embedded.EmbeddedStoreThroughputProbe [clients] [seconds]}.
 */
public final class EmbeddedStoreThroughputProbe {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final EmbeddedStateStore store;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong leaseIds = new AtomicLong();

    private EmbeddedStoreThroughputProbe(EmbeddedStateStore store) {
        this.store = store;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("runway-store-probe");
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir)) {
            EmbeddedStoreThroughputProbe probe = new EmbeddedStoreThroughputProbe(store);
            CountDownLatch stopped = new CountDownLatch(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                probe.acquire("res-" + c, 0, stopped);
            }
            Thread.sleep(seconds * 1000L); // measuring a duration, not synchronizing
            probe.running.set(false);
            stopped.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            EmbeddedStoreStats stats = store.stats();
            System.out.printf("clients=%d elapsed=%.1fs cycles/s=%.0f batches/s=%.0f fsyncs/s=%.0f "
                            + "records/s=%.0f MB/s=%.1f avg group=%.1f%n", clients, elapsed, probe.cycles.get() / elapsed,
                    stats.batches() / elapsed, stats.fsyncs() / elapsed, stats.records() / elapsed,
                    stats.bytesWritten() / elapsed / 1e6, (double) stats.batches() / stats.fsyncs());
        }
    }

    /** One client's loop, driven by completions: grant, then release, then the next lease. */
    private void acquire(String resourceId, long resourceVersion, CountDownLatch stopped) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        String leaseId = "L" + leaseIds.incrementAndGet();
        LeaseRecord granted = new LeaseRecord(leaseId, 1, "owner", "hash", leaseIds.get(), LeaseState.ACTIVE,
                List.of(resourceId), 0, NOW, NOW, NOW.plusSeconds(600), null, null);
        ResourceRecord leased = new ResourceRecord(resourceId, resourceVersion + 1, "pool", ResourceState.LEASED,
                leaseId, NOW, leaseIds.get());
        store.commit(batch(granted, leased, "lease.granted")).thenRun(() -> {
            LeaseRecord released = granted.next(LeaseState.RELEASED, granted.expiresAt(), NOW, "released");
            ResourceRecord free = leased.next(ResourceState.FREE, null, NOW, leased.lastFencingToken());
            store.commit(batch(released, free, "lease.released")).thenRun(() -> {
                cycles.incrementAndGet();
                acquire(resourceId, free.version(), stopped);
            });
        });
    }

    private static StoreBatch batch(LeaseRecord lease, ResourceRecord resource, String type) {
        List<AuditEvent> events = List.of(
                new AuditEvent(NOW, lease.id(), null, type, "engine", null, lease.state().name(), null),
                new AuditEvent(NOW, lease.id(), resource.id(), "resource.state", "engine", null,
                        resource.state().name(), null));
        return new StoreBatch(List.of(lease), List.of(resource), events, List.of(), lease.fencingToken());
    }
}
