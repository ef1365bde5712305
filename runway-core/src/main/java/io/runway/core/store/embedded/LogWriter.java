package io.runway.core.store.embedded;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.embedded.CommitQueue.Pending;
import io.runway.core.store.state.StateTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.zip.CRC32C;

/**
 * The body of the store's single writer thread: takes every queued batch as one group, appends the group
 * with one write and one force, applies it to the in-memory state, then completes the futures in
 * submission order. After any I/O error it fails the group and everything after it and stops.
 */
final class LogWriter implements Runnable {
    private final Path dir;
    private final long compactAfterBytes;
    private final CommitQueue queue;
    private final StateTable state;
    private final Lock stateWriteLock;
    private final Compactor compactor;
    private final AtomicReference<EmbeddedStoreStats> stats;
    private final Runnable onExit;
    private final SegmentWriter.Opener opener;
    private final SpareSegment spare;
    private final ByteSink sink = new ByteSink(1 << 16);
    private final CRC32C crc = new CRC32C();
    private final List<CompletableFuture<Void>> compactionWaiters = new ArrayList<>();
    private SegmentWriter segment;
    private long bytesSinceSnapshot;

    LogWriter(Path dir, long compactAfterBytes, CommitQueue queue, StateTable state, Lock stateWriteLock,
            Compactor compactor, AtomicReference<EmbeddedStoreStats> stats, SegmentWriter segment,
            long bytesSinceSnapshot, SegmentWriter.Opener opener, SpareSegment spare, Runnable onExit) {
        this.dir = dir;
        this.compactAfterBytes = compactAfterBytes;
        this.queue = queue;
        this.state = state;
        this.stateWriteLock = stateWriteLock;
        this.compactor = compactor;
        this.stats = stats;
        this.segment = segment;
        this.bytesSinceSnapshot = bytesSinceSnapshot;
        this.onExit = onExit;
        this.opener = opener;
        this.spare = spare;
    }

    @Override
    public void run() {
        List<Pending> spare = new ArrayList<>();
        List<Pending> group = spare;
        try {
            while (true) {
                List<Pending> taken = queue.takeAll(spare);
                if (taken == null) {
                    break;
                }
                group = taken;
                writeGroup(group);
                compactIfDue();
                spare = group;
            }
        } catch (Throwable e) {
            fail(group, e);
        } finally {
            UnavailableException closed =
                    new UnavailableException("state store " + dir + " closed before compacting", null);
            compactionWaiters.forEach(waiter -> waiter.completeExceptionally(closed));
            try {
                segment.close();
            } catch (IOException ignored) {
                // Everything acknowledged was forced already.
            }
            onExit.run();
        }
    }

    private void writeGroup(List<Pending> group) throws IOException {
        sink.reset();
        int batches = 0;
        long records = 0;
        for (Pending pending : group) {
            StoreBatch batch = pending.batch();
            if (batch == null) {
                compactionWaiters.add(pending.future());
                continue;
            }
            int frame = LogFiles.beginFrame(sink);
            RecordCodec.writeBatch(sink, batch);
            LogFiles.endFrame(sink, frame, crc, segment.salt());
            batches++;
            records += batch.leases().size() + batch.resources().size() + batch.events().size()
                    + batch.purgedLeaseIds().size();
        }
        if (batches == 0) {
            return;
        }
        int bytes = sink.size();
        segment.append(sink.asByteBuffer());
        segment.force();
        bytesSinceSnapshot += bytes;
        stateWriteLock.lock();
        try {
            for (Pending pending : group) {
                if (pending.batch() != null) {
                    state.apply(pending.batch());
                }
            }
        } finally {
            stateWriteLock.unlock();
        }
        int groupBatches = batches;
        long groupRecords = records;
        stats.updateAndGet(s -> s.afterGroup(groupBatches, groupRecords, bytes));
        // Only now, durable and visible to load()/events(): acknowledge in submission order.
        for (Pending pending : group) {
            if (pending.batch() != null) {
                pending.future().complete(null);
            }
        }
    }

    private void compactIfDue() throws IOException {
        // The bar is at least the snapshot's size, so a large state is not rewritten for a little log.
        long threshold = Math.max(compactAfterBytes, compactor.lastSnapshotBytes());
        if (bytesSinceSnapshot >= threshold / 4 && !compactor.isRunning()) {
            // A store busy enough to roll soon gets its next segment file ready. Not while a compaction runs:
            // that one hands over the segment it retires, which would otherwise be deleted.
            spare.prepare(threshold);
        }
        if (compactor.isRunning() || (bytesSinceSnapshot < threshold && compactionWaiters.isEmpty())) {
            return;
        }
        // Roll first: the snapshot then covers exactly the segments before the new one.
        segment.end(sink, crc);
        SegmentWriter next = SegmentWriter.start(dir, segment.sequence() + 1, spare.take(), opener);
        segment.close();
        segment = next;
        bytesSinceSnapshot = 0;
        List<CompletableFuture<Void>> waiters = new ArrayList<>(compactionWaiters);
        compactionWaiters.clear();
        // This thread is the only one changing the state, so it can take the image without the lock.
        compactor.start(next.sequence(), state.image(), waiters);
    }

    private void fail(List<Pending> group, Throwable cause) {
        UnavailableException failure = new UnavailableException(
                "state store " + dir + " failed writing its log; nothing more is acknowledged until it is reopened",
                cause);
        for (Pending pending : group) {
            pending.future().completeExceptionally(failure); // no-op for those already acknowledged
        }
        queue.fail(failure);
    }
}
