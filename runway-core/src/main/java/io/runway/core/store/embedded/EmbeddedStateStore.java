package io.runway.core.store.embedded;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import io.runway.core.store.state.StateTable;
import io.runway.core.store.state.VersionLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The default {@link StateStore}: a directory with an append-only, checksummed log and occasional
 * snapshots, pure Java so it runs inside the Jenkins controller and in {@code runway serve}.
 *
 * <p>{@link #commit} checks versions at once (a conflict fails the future and queues nothing) and queues
 * the batch; one writer thread writes everything queued with a single write and a single
 * {@code force}, then completes the futures in submission order. The futures complete <em>on that
 * thread</em>: dependent actions must be quick and must not wait on another commit (use the
 * {@code *Async} variants for real work). Current state lives in memory, so {@link #load} and
 * {@link #events} never read files.
 */
public final class EmbeddedStateStore implements StateStore {
    private final Path dir;
    private final DirectoryLock lock;
    private final CommitQueue queue;
    private final StateTable state;
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final AtomicReference<EmbeddedStoreStats> stats = new AtomicReference<>(EmbeddedStoreStats.ZERO);
    private final Compactor compactor;
    private final SpareSegment spare;
    private final Thread writerThread;
    private boolean filesReleased;

    private EmbeddedStateStore(Path dir, EmbeddedStoreOptions options, DirectoryLock lock, Recovery.Result recovered,
            SegmentWriter segment, SegmentWriter.Opener opener, SpareSegment spare) {
        this.dir = dir;
        this.lock = lock;
        this.state = recovered.state();
        VersionLedger ledger = new VersionLedger();
        ledger.seed(state);
        this.queue = new CommitQueue(dir.toString(), ledger);
        this.spare = spare;
        this.compactor = new Compactor(dir, spare, recovered.snapshotBytes(), queue::wake,
                () -> stats.updateAndGet(EmbeddedStoreStats::afterCompaction));
        LogWriter writer = new LogWriter(dir, options.compactAfterBytes(), queue, state, stateLock.writeLock(),
                compactor, stats, segment, recovered.logBytes(), opener, spare, this::releaseFilesIfClosed);
        this.writerThread = new Thread(writer, "runway-store-writer[" + dir + "]");
        writerThread.setDaemon(true);
    }

    /** Opens (creating if needed) the store in {@code dir} with default options. */
    public static EmbeddedStateStore open(Path dir) {
        return open(dir, EmbeddedStoreOptions.defaults());
    }

    /**
     * Opens (creating if needed) the store in {@code dir}: locks the directory, recovers the last snapshot
     * and the log after it, cuts off a torn tail, and starts a new log segment.
     *
     * @throws UnavailableException if another store holds the directory or it cannot be read
     */
    public static EmbeddedStateStore open(Path dir, EmbeddedStoreOptions options) {
        return open(dir, options, SegmentWriter.Opener.DEFAULT);
    }

    static EmbeddedStateStore open(Path dir, EmbeddedStoreOptions options, SegmentWriter.Opener opener) {
        Objects.requireNonNull(options, "options");
        Path absolute = dir.toAbsolutePath().normalize();
        DirectoryLock lock = null;
        try {
            Files.createDirectories(absolute);
            lock = DirectoryLock.acquire(absolute);
            Recovery.Result recovered = Recovery.recover(absolute);
            SpareSegment spare = new SpareSegment(absolute);
            SegmentWriter segment = SegmentWriter.start(absolute, recovered.nextSegment(), spare.take(), opener);
            EmbeddedStateStore store = new EmbeddedStateStore(absolute, options, lock, recovered, segment, opener,
                    spare);
            store.writerThread.start();
            return store;
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            if (e instanceof UnavailableException unavailable) {
                throw unavailable;
            }
            throw new UnavailableException("cannot open state directory " + absolute + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoredState load() {
        stateLock.readLock().lock();
        try {
            return state.toStoredState();
        } finally {
            stateLock.readLock().unlock();
        }
    }

    @Override
    public CompletableFuture<Void> commit(StoreBatch batch) {
        return queue.submit(Objects.requireNonNull(batch, "batch"));
    }

    @Override
    public List<AuditEvent> events(String leaseId) {
        stateLock.readLock().lock();
        try {
            return state.events(leaseId);
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /**
     * Takes a snapshot of everything committed before this call and drops the log it replaces, without
     * waiting for the size threshold. Completes when the snapshot is durable.
     */
    public CompletableFuture<Void> compact() {
        return queue.requestCompaction();
    }

    public EmbeddedStoreStats stats() {
        return stats.get();
    }

    public Path directory() {
        return dir;
    }

    /** Writes and forces everything submitted, waits for a running compaction, then unlocks the directory. */
    @Override
    public void close() {
        queue.close();
        if (Thread.currentThread() == writerThread) {
            return; // called from a commit callback: the writer releases the files when it exits
        }
        boolean interrupted = false;
        while (writerThread.isAlive()) {
            try {
                writerThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        releaseFilesIfClosed();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs when the writer exits and after close; only a closed store gives up its directory. */
    private synchronized void releaseFilesIfClosed() {
        if (filesReleased || !queue.isClosed()) {
            return;
        }
        filesReleased = true;
        compactor.awaitIdle();
        spare.close();
        closeQuietly(lock);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Nothing useful to do: the process is letting go of the directory anyway.
        }
    }

    @Override
    public String toString() {
        return "EmbeddedStateStore[" + dir + "]";
    }
}
