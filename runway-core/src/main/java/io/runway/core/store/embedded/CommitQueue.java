package io.runway.core.store.embedded;

import io.runway.core.error.ConflictException;
import io.runway.core.error.UnavailableException;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.state.VersionLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands batches from committing threads to the writer thread. Versions are checked here, under the same
 * monitor that orders the queue, so the check order is the durability order and a conflicting batch is
 * refused before anything of it is queued.
 */
final class CommitQueue {
    /** A queued batch, or (batch == null) a request to compact. */
    record Pending(StoreBatch batch, CompletableFuture<Void> future) {
    }

    private final String storeName;
    private final VersionLedger ledger;
    private List<Pending> queued = new ArrayList<>();
    private boolean closed;
    private boolean woken;
    private UnavailableException failure;

    CommitQueue(String storeName, VersionLedger ledger) {
        this.storeName = storeName;
        this.ledger = ledger;
    }

    synchronized CompletableFuture<Void> submit(StoreBatch batch) {
        UnavailableException refusal = refusal();
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        try {
            ledger.accept(batch);
        } catch (ConflictException conflict) {
            return CompletableFuture.failedFuture(conflict);
        }
        return enqueue(batch);
    }

    synchronized CompletableFuture<Void> requestCompaction() {
        UnavailableException refusal = refusal();
        return refusal != null ? CompletableFuture.failedFuture(refusal) : enqueue(null);
    }

    private CompletableFuture<Void> enqueue(StoreBatch batch) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        queued.add(new Pending(batch, future));
        if (queued.size() == 1) {
            notifyAll();
        }
        return future;
    }

    private UnavailableException refusal() {
        if (failure != null) {
            return failure;
        }
        return closed ? new UnavailableException("state store " + storeName + " is closed", null) : null;
    }

    /**
     * Waits for work and takes everything queued, as one group. Returns an empty list when woken with
     * nothing queued, and null once closed and drained (decided here, atomically with the take, so a
     * batch queued just before close is never left behind).
     *
     * @param spare an emptied list from the previous group, reused to avoid garbage
     */
    synchronized List<Pending> takeAll(List<Pending> spare) throws InterruptedException {
        while (queued.isEmpty() && !closed && !woken) {
            wait();
        }
        if (queued.isEmpty() && closed) {
            return null;
        }
        woken = false;
        List<Pending> group = queued;
        spare.clear();
        queued = spare;
        return group;
    }

    /** Makes {@link #takeAll} return even if nothing is queued (e.g. a compaction finished). */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Refuses further commits; what is queued is still written. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Fails everything queued and every later commit: nothing is acknowledged after an I/O error. */
    synchronized void fail(UnavailableException cause) {
        failure = cause;
        for (Pending pending : queued) {
            pending.future().completeExceptionally(cause);
        }
        queued.clear();
        notifyAll();
    }
}
