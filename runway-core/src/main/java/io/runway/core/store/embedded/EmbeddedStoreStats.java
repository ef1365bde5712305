package io.runway.core.store.embedded;

/**
 * Counters of an {@link EmbeddedStateStore} since it was opened, for metrics.
 *
 * @param batches batches made durable
 * @param records leases, resources, events and purges in those batches
 * @param fsyncs forces of the log (one per group of batches)
 * @param bytesWritten log bytes written, frame headers included
 * @param lastGroupSize batches in the most recent group
 * @param compactions snapshots completed
 */
public record EmbeddedStoreStats(
        long batches, long records, long fsyncs, long bytesWritten, int lastGroupSize, long compactions) {

    static final EmbeddedStoreStats ZERO = new EmbeddedStoreStats(0, 0, 0, 0, 0, 0);

    EmbeddedStoreStats afterGroup(int groupBatches, long groupRecords, long groupBytes) {
        return new EmbeddedStoreStats(batches + groupBatches, records + groupRecords, fsyncs + 1,
                bytesWritten + groupBytes, groupBatches, compactions);
    }

    EmbeddedStoreStats afterCompaction() {
        return new EmbeddedStoreStats(batches, records, fsyncs, bytesWritten, lastGroupSize, compactions + 1);
    }
}
