package io.runway.core.lease;

import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import io.runway.core.store.state.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multi-controller bookkeeping of one engine: a mirror of the durable state as far as this controller
 * knows it (its own durable batches plus what it read of other controllers' writes), and the re-decision
 * that follows news from the store. The book is never patched record by record: it is rebuilt from the
 * mirror (as at start, minus repairs), keeping this controller's waiters and their places in the queue, so
 * whatever a refused batch had decided in memory is simply gone. Writer-owned.
 *
 * <p>Safety does not rest on the mirror being fresh: every write is conditional on the version it was
 * decided from, so a decision on stale state fails as a conflict and is taken again after a read.
 */
final class SharedSync {
    /** How far back each poll of other controllers' changes reaches before the previous one (clock skew, index lag). */
    static final Duration OVERLAP = Duration.ofSeconds(5);

    private final PoolsConfig config;
    private final Map<String, Provider> providers;
    private final int maxEnded;
    private final StateTable mirror = new StateTable();
    private Instant polledUpTo;

    SharedSync(PoolsConfig config, Map<String, Provider> providers, int maxEnded, StoredState loaded, Instant now) {
        this.config = config;
        this.providers = providers;
        this.maxEnded = maxEnded;
        this.polledUpTo = now;
        absorb(loaded);
    }

    /** A batch of this controller's is durable. */
    void durable(StoreBatch batch) {
        mirror.apply(batch);
    }

    /** Takes in records read from the store; returns whether any is newer than what the mirror held. */
    boolean absorb(StoredState fresh) {
        boolean changed = false;
        for (LeaseRecord lease : fresh.leases().values()) {
            LeaseRecord known = mirror.leases().get(lease.id());
            if (known == null || known.version() < lease.version()) {
                mirror.putLease(lease);
                changed = true;
            }
        }
        for (ResourceRecord resource : fresh.resources().values()) {
            ResourceRecord known = mirror.resources().get(resource.id());
            if (known == null || known.version() < resource.version()) {
                mirror.putResource(resource);
                changed = true;
            }
        }
        if (fresh.fencingHighWater() > mirror.fencingHighWater()) {
            mirror.raiseFencingHighWater(fresh.fencingHighWater());
            changed = true;
        }
        return changed;
    }

    /** Where the next poll for other controllers' changes starts. */
    Instant pollFrom() {
        return polledUpTo.minus(OVERLAP);
    }

    /**
     * A poll asked at {@code askedAt} was taken in: the next one may start there. Only then, so that a failed
     * poll leaves no window of other controllers' writes unread.
     */
    void polled(Instant askedAt) {
        if (askedAt.isAfter(polledUpTo)) {
            polledUpTo = askedAt;
        }
    }

    /**
     * A new book from the mirror. Waiters of {@code old} and those it granted in a refused batch
     * ({@code regranted}) wait in the new one, in their old order; cleanup retries carry over.
     */
    LeaseBook rebuild(LeaseBook old, List<Waiter> regranted, Instant now, Changes ch) {
        LeaseBook book = BookLoader.load(config, providers, mirror.toStoredState(), maxEnded, now, ch, true);
        book.fencing = Math.max(book.fencing, mirror.fencingHighWater());
        List<Waiter> waiters = new ArrayList<>(old.waiters());
        waiters.addAll(regranted);
        waiters.forEach(book::adopt);
        book.timedOut.add(old.timedOut.sum());
        book.lifecycle.adoptRetries(old.lifecycle, book.index);
        return book;
    }
}
