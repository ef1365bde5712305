package io.runway.core.lease;

import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * After a lease: {@code LEASED → DIRTY} (for the pool's cooldown) {@code → CLEANING} (while the provider
 * cleans, retried with backoff) {@code → FREE}. Steps that have nothing to do are skipped. Writer-owned.
 */
final class ResourceLifecycle {
    private static final Duration MAX_CLEANUP_BACKOFF = Duration.ofMinutes(5);

    private final ResourceIndex index;
    private final Set<ResourceSlot> coolingDown = new LinkedHashSet<>();
    private final Map<ResourceSlot, Integer> failedAttempts = new HashMap<>();
    private final Map<ResourceSlot, Instant> retryAt = new HashMap<>();

    ResourceLifecycle(ResourceIndex index) {
        this.index = index;
    }

    /** A lease let go of {@code slot}; returns a short note of where it went, for the lease's audit event. */
    String returned(ResourceSlot slot, String leaseId, Instant now, Changes ch) {
        ResourceState next;
        if (!slot.configured) {
            next = ResourceState.RETIRED;
        } else if (!slot.pool.spec.cooldown().isZero()) {
            next = ResourceState.DIRTY;
            coolingDown.add(slot);
        } else if (slot.pool.provider.cleansResources()) {
            next = ResourceState.CLEANING;
            ch.cleanups.add(slot);
        } else {
            next = ResourceState.FREE;
        }
        move(slot, next, leaseId, now, ch);
        return slot.id + "→" + next;
    }

    /** Ends cooldowns that are over and re-asks for cleanups whose backoff has passed. */
    void tick(Instant now, Changes ch) {
        for (Iterator<ResourceSlot> it = coolingDown.iterator(); it.hasNext(); ) {
            ResourceSlot slot = it.next();
            if (!now.isBefore(slot.record.stateSince().plus(slot.pool.spec.cooldown()))) {
                it.remove();
                ResourceState next = !slot.configured ? ResourceState.RETIRED
                        : slot.pool.provider.cleansResources() ? ResourceState.CLEANING : ResourceState.FREE;
                event(slot, now, ch, slot.state(), next, "cooldown of " + slot.pool.spec.cooldown() + " over");
                move(slot, next, slot.record.leaseId(), now, ch);
                if (next == ResourceState.CLEANING) {
                    ch.cleanups.add(slot);
                }
            }
        }
        for (Iterator<Map.Entry<ResourceSlot, Instant>> it = retryAt.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ResourceSlot, Instant> e = it.next();
            if (!now.isBefore(e.getValue())) {
                it.remove();
                ch.cleanups.add(e.getKey());
            }
        }
    }

    /** The provider finished cleaning {@code slot}; a stale report (slot no longer CLEANING) is ignored. */
    void cleaned(ResourceSlot slot, Throwable failure, Instant now, Changes ch) {
        if (slot.state() != ResourceState.CLEANING) {
            return;
        }
        if (failure == null) {
            failedAttempts.remove(slot);
            ResourceState next = slot.configured ? ResourceState.FREE : ResourceState.RETIRED;
            event(slot, now, ch, ResourceState.CLEANING, next, "cleanup by " + slot.pool.provider.name() + " succeeded");
            move(slot, next, slot.record.leaseId(), now, ch);
            return;
        }
        int attempts = failedAttempts.merge(slot, 1, Integer::sum);
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempts, 9));
        if (backoff.compareTo(MAX_CLEANUP_BACKOFF) > 0) {
            backoff = MAX_CLEANUP_BACKOFF;
        }
        retryAt.put(slot, now.plus(backoff));
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        ch.event(new AuditEvent(now, slot.record.leaseId(), slot.id, "resource.cleanup_failed", "engine",
                "CLEANING", "CLEANING", "attempt " + attempts + " failed: " + why + "; retrying in " + backoff));
    }

    /** After a restart: resume cooldowns and restart interrupted cleanups. */
    void recover(ResourceSlot slot, Changes ch) {
        if (slot.state() == ResourceState.DIRTY) {
            coolingDown.add(slot);
        } else if (slot.state() == ResourceState.CLEANING) {
            ch.cleanups.add(slot);
        }
    }

    /** Takes over pending cleanup retries of a lifecycle this one replaces (same resources, new slots). */
    void adoptRetries(ResourceLifecycle old, ResourceIndex newIndex) {
        old.retryAt.forEach((slot, at) -> {
            ResourceSlot same = newIndex.resource(slot.id);
            if (same != null && same.state() == ResourceState.CLEANING) {
                retryAt.put(same, at);
                failedAttempts.put(same, old.failedAttempts.getOrDefault(slot, 0));
            }
        });
    }

    void move(ResourceSlot slot, ResourceState next, String leaseId, Instant now, Changes ch) {
        boolean wasFree = slot.state().isGrantable();
        slot.record = slot.record.next(next, next == ResourceState.FREE ? null : leaseId, now,
                slot.record.lastFencingToken());
        if (next.isGrantable() && slot.configured) {
            index.markFree(slot);
        } else if (wasFree) {
            index.markTaken(slot);
        }
        ch.put(slot);
    }

    private static void event(ResourceSlot slot, Instant now, Changes ch, ResourceState from, ResourceState to,
                              String reason) {
        ch.event(new AuditEvent(now, slot.record.leaseId(), slot.id, "resource.state", "engine", from.name(),
                to.name(), reason));
    }
}
