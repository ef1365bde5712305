package io.runway.core.store;

import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link StateStore} that several controllers (engines in different processes) write at once. Its
 * commits are checked against what is durable, not against what this process wrote, so a batch decided
 * on a stale view fails with {@code ConflictException}; these reads let an engine catch up and decide again.
 * An engine on a store of this type runs in multi-controller mode (see {@code LeaseEngine}); the other
 * stores keep the single-writer fast path.
 */
public interface SharedStateStore extends StateStore {

    /**
     * The current lease and resource records with these ids (absent ones are left out) and the current
     * fencing high water, strongly consistent: everything committed before the call is seen.
     */
    CompletableFuture<StoredState> read(Collection<String> leaseIds, Collection<String> resourceIds);

    /**
     * Lease and resource records written at or after {@code since} by any controller (older ones may be
     * repeated; callers keep the higher version), and the current fencing high water. May lag slightly
     * behind the latest writes; callers ask again with some overlap. A store may leave out records whose
     * current version was written through this same store instance: its caller made them durable and holds
     * them already (so one store instance serves one caller).
     */
    CompletableFuture<StoredState> changedSince(Instant since);
}
