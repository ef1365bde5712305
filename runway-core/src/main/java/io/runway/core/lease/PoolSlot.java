package io.runway.core.lease;

import io.runway.core.pool.PoolSpec;
import io.runway.core.provider.Provider;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/** The engine's mutable view of one pool: its free resources (oldest-freed first) and per-owner holdings. */
final class PoolSlot {
    final PoolSpec spec;
    final Provider provider;
    /** Insertion order = order they became free, so reuse rotates through the pool. */
    final LinkedHashSet<ResourceSlot> free = new LinkedHashSet<>();
    final Map<String, Integer> heldByOwner = new HashMap<>();
    int size;

    PoolSlot(PoolSpec spec, Provider provider) {
        this.spec = spec;
        this.provider = provider;
    }

    String name() {
        return spec.name();
    }

    int held(String owner) {
        return heldByOwner.getOrDefault(owner, 0);
    }

    /** How many more resources {@code owner} may take here; Integer.MAX_VALUE when unlimited. */
    int quotaLeft(String owner) {
        Integer perOwner = spec.quota().perOwner();
        return perOwner == null ? Integer.MAX_VALUE : Math.max(0, perOwner - held(owner));
    }

    void addHeld(String owner, int delta) {
        heldByOwner.merge(owner, delta, Integer::sum);
        if (heldByOwner.get(owner) <= 0) {
            heldByOwner.remove(owner);
        }
    }
}
