package io.runway.core.store.embedded;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.state.StateImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes snapshots off the commit path: the writer thread rolls to a new segment and hands over a
 * point-in-time image of the state; this writes the snapshot on its own thread, then drops the segments and
 * snapshots it replaces. A failed compaction loses nothing (the log is still complete) and is retried at
 * the next threshold.
 */
final class Compactor {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    private final Path dir;
    private final SpareSegment spare;
    private final Runnable onFinished;
    private final Runnable onSuccess;
    private Thread running;
    private volatile long lastSnapshotBytes;

    /**
     * @param onFinished called after every attempt (the writer may have waited for this one to finish)
     * @param onSuccess called after a snapshot is durable
     * @param lastSnapshotBytes size of the snapshot found on open, 0 if none
     */
    Compactor(Path dir, SpareSegment spare, long lastSnapshotBytes, Runnable onFinished, Runnable onSuccess) {
        this.dir = dir;
        this.spare = spare;
        this.lastSnapshotBytes = lastSnapshotBytes;
        this.onFinished = onFinished;
        this.onSuccess = onSuccess;
    }

    /** Size of the newest snapshot; compacting a log smaller than that would write more than it saves. */
    long lastSnapshotBytes() {
        return lastSnapshotBytes;
    }

    synchronized boolean isRunning() {
        return running != null;
    }

    /** Starts writing snapshot {@code sequence} of {@code state}: everything in segments before it. */
    synchronized void start(long sequence, StateImage state, List<CompletableFuture<Void>> waiters) {
        if (running != null) {
            throw new IllegalStateException("a compaction is already running");
        }
        running = new Thread(() -> compact(sequence, state, waiters), "runway-store-compactor[" + dir + "]");
        running.setDaemon(true);
        running.start();
    }

    private void compact(long sequence, StateImage state, List<CompletableFuture<Void>> waiters) {
        try {
            lastSnapshotBytes = SnapshotFile.write(dir, sequence, state);
            deleteBefore(sequence);
            onSuccess.run();
            waiters.forEach(waiter -> waiter.complete(null));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Compaction of state directory {} failed; the log stays complete and grows until the next try",
                    dir, e);
            UnavailableException failure = new UnavailableException("compaction of " + dir + " failed", e);
            waiters.forEach(waiter -> waiter.completeExceptionally(failure));
        } finally {
            synchronized (this) {
                running = null;
                notifyAll();
            }
            onFinished.run();
        }
    }

    /** Drops what the snapshot replaces; the newest retired segment becomes the spare if there is none. */
    private void deleteBefore(long sequence) throws IOException {
        List<Path> segments = new ArrayList<>(LogFiles.list(dir, LogFiles.LOG_SUFFIX).headMap(sequence).values());
        for (int i = 0; i < segments.size() - 1; i++) {
            Files.deleteIfExists(segments.get(i));
        }
        if (!segments.isEmpty()) {
            spare.offer(segments.get(segments.size() - 1));
        }
        for (Path snapshot : LogFiles.list(dir, LogFiles.SNAPSHOT_SUFFIX).headMap(sequence).values()) {
            Files.deleteIfExists(snapshot);
        }
        LogFiles.syncDirectory(dir);
    }

    /** Waits until no compaction runs (used by close, so no thread touches the directory after unlock). */
    synchronized void awaitIdle() {
        BackgroundThreads.awaitWhileHolding(this, () -> running == null);
    }
}
