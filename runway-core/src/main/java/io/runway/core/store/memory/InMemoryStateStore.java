package io.runway.core.store.memory;

import io.runway.core.error.RunwayException;
import io.runway.core.error.UnavailableException;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import io.runway.core.store.state.StateTable;
import io.runway.core.store.state.VersionLedger;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link StateStore} that keeps everything in memory and forgets it on close. Same semantics as the
 * durable stores (versions checked, all or nothing, purge, fencing high water), so engine unit tests can
 * run against it. Commits complete before {@link #commit} returns.
 */
public final class InMemoryStateStore implements StateStore {
    private final VersionLedger ledger = new VersionLedger();
    private final StateTable table = new StateTable();
    private boolean closed;

    @Override
    public synchronized StoredState load() {
        return table.toStoredState();
    }

    @Override
    public synchronized CompletableFuture<Void> commit(StoreBatch batch) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new UnavailableException("the in-memory state store is closed", null));
        }
        try {
            ledger.accept(batch);
        } catch (RunwayException conflict) {
            return CompletableFuture.failedFuture(conflict);
        }
        table.apply(batch);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<AuditEvent> events(String leaseId) {
        return table.events(leaseId);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
