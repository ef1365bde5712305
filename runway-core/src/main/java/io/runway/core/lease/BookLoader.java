package io.runway.core.lease;

import io.runway.core.error.InvalidInputException;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the lease book at start from configuration and the store: new resources become FREE, removed
 * ones retire once no lease holds them, active leases keep their original expiry (the first tick reaps
 * those that expired while the engine was down), and interrupted cooldowns and cleanups resume.
 */
final class BookLoader {
    private BookLoader() {}

    static LeaseBook load(PoolsConfig config, Map<String, Provider> providers, StoredState stored, int maxEnded,
                          Instant now, Changes ch) {
        return load(config, providers, stored, maxEnded, now, ch, false);
    }

    /**
     * @param shared the store has other writers: what looks half done may be another controller's work in
     *     flight or not yet seen, so nothing is repaired and no cleanup is restarted (see {@code SharedSync})
     */
    static LeaseBook load(PoolsConfig config, Map<String, Provider> providers, StoredState stored, int maxEnded,
                          Instant now, Changes ch, boolean shared) {
        ResourceIndex index = new ResourceIndex();
        LeaseBook book = new LeaseBook(index, config.limits(), maxEnded, config.capacityOrNone());
        book.fencing = stored.fencingHighWater();
        for (PoolSpec spec : config.pools()) {
            Provider provider = providers.get(spec.provider());
            if (provider == null) {
                throw new InvalidInputException("pools[" + spec.name() + "].provider",
                        "no provider named '" + spec.provider() + "' is available; known: " + providers.keySet());
            }
            PoolSlot pool = new PoolSlot(spec, provider);
            index.addPool(pool);
            for (ResourceSpec r : spec.resources()) {
                ResourceRecord record = configured(stored.resources().get(r.name()), r.name(), spec.name(), now, ch);
                index.addResource(new ResourceSlot(r.name(), pool, r.labels(), r.attributes(), record));
            }
        }
        loadProvisioned(index, stored);
        for (ResourceRecord record : stored.resources().values()) {
            if (index.resource(record.id()) == null) {
                index.addResource(unconfigured(record, index));
            }
        }
        restoreLeases(book, stored, now, ch);
        for (ResourceSlot slot : List.copyOf(index.resources())) {
            if (shared) {
                settleShared(book, slot, ch);
            } else {
                settle(book, slot, now, ch);
            }
        }
        return book;
    }

    private static ResourceRecord configured(ResourceRecord stored, String id, String pool, Instant now, Changes ch) {
        if (stored == null) {
            ResourceRecord fresh = new ResourceRecord(id, 1, pool, ResourceState.FREE, null, now, 0);
            ch.resources.put(id, fresh); // first write of this id in the batch
            ch.event(new AuditEvent(now, null, id, "resource.added", "engine", null, "FREE", "added to pool " + pool));
            return fresh;
        }
        boolean moved = !stored.pool().equals(pool);
        boolean revived = stored.state() == ResourceState.RETIRED || stored.state() == ResourceState.PROVISIONING;
        if (!moved && !revived) {
            return stored;
        }
        ResourceState state = revived ? ResourceState.FREE : stored.state();
        ResourceRecord next = new ResourceRecord(id, stored.version() + 1, pool, state,
                revived ? null : stored.leaseId(), now, stored.lastFencingToken());
        ch.resources.put(id, next);
        ch.event(new AuditEvent(now, null, id, "resource.configured", "engine", stored.state().name(), state.name(),
                moved ? "moved from pool " + stored.pool() + " to " + pool : "back in configuration"));
        return next;
    }

    /**
     * Resources a provider provisioned at run time, from their {@code capacity} documents: they keep their
     * labels and attributes. One whose pool is gone (or whose id configuration now lists) is left to the
     * unconfigured path, which retires it once no lease holds it.
     */
    private static void loadProvisioned(ResourceIndex index, StoredState stored) {
        for (io.runway.core.store.DocumentRecord doc : stored.documents(Capacity.KIND).values()) {
            ResourceRecord record = stored.resources().get(doc.id());
            if (record == null || index.resource(doc.id()) != null) {
                continue;
            }
            Capacity.Description d = Capacity.read(doc.body());
            PoolSlot pool = index.pool(record.pool());
            if (pool == null) {
                continue;
            }
            ResourceSlot slot = new ResourceSlot(record.id(), pool, d.labels(), d.attributes(), record);
            slot.dynamic = true;
            slot.documentVersion = doc.version();
            slot.configured = record.state() != ResourceState.RETIRED;
            index.addResource(slot);
        }
    }

    /** A stored resource that configuration no longer lists: kept only until its lease ends. */
    private static ResourceSlot unconfigured(ResourceRecord record, ResourceIndex index) {
        PoolSlot pool = index.pool(record.pool());
        if (pool == null) {
            pool = new PoolSlot(new PoolSpec(record.pool(), StaticProvider.NAME, List.of(), null, null), new StaticProvider());
        }
        ResourceSlot slot = new ResourceSlot(record.id(), pool, List.of(), Map.of(), record);
        slot.configured = false;
        return slot;
    }

    private static void restoreLeases(LeaseBook book, StoredState stored, Instant now, Changes ch) {
        List<LeaseRecord> endedInOrder = new ArrayList<>();
        for (LeaseRecord record : stored.leases().values()) {
            if (record.state() == LeaseState.ACTIVE) {
                List<ResourceSlot> slots = record.resourceIds().stream().map(book.index::resource)
                        .filter(java.util.Objects::nonNull).toList();
                book.restoreActive(new HeldLease(record, slots, null));
            } else {
                endedInOrder.add(record);
            }
        }
        endedInOrder.sort(Comparator.comparing(LeaseRecord::endedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        endedInOrder.forEach(r -> book.ended.put(r.id(), r));
        book.active.values().forEach(l -> ch.publish(l.view()));
        endedInOrder.forEach(r -> ch.publish(LeaseViews.of(r, List.of(), null)));
    }

    /**
     * Multi-controller: a resource LEASED by a lease this controller has not seen yet stays taken (it is
     * another controller's grant whose lease record is still on its way); DIRTY resumes its cooldown; a
     * CLEANING one is being cleaned by the controller that released it.
     */
    private static void settleShared(LeaseBook book, ResourceSlot slot, Changes ch) {
        if (slot.state() == ResourceState.DIRTY) {
            book.lifecycle.recover(slot, ch);
        }
        ch.resourceViews.put(slot.id, slot.view());
    }

    /** Puts a resource where its stored state says, repairing what an interrupted run left half done. */
    private static void settle(LeaseBook book, ResourceSlot slot, Instant now, Changes ch) {
        ResourceState state = slot.state();
        if (state == ResourceState.LEASED && !book.active.containsKey(slot.record.leaseId())) {
            // Cannot happen with an all-or-nothing store; repaired rather than trusted if it ever does.
            ch.event(new AuditEvent(now, slot.record.leaseId(), slot.id, "resource.repaired", "engine", "LEASED", null,
                    "held by a lease that is not active"));
            book.lifecycle.returned(slot, slot.record.leaseId(), now, ch);
            return;
        }
        if (!slot.configured && state.isGrantable()) {
            book.lifecycle.move(slot, ResourceState.RETIRED, null, now, ch);
            return;
        }
        book.lifecycle.recover(slot, ch);
        book.capacity.recover(slot, ch);
        ch.resourceViews.put(slot.id, slot.view());
    }
}
