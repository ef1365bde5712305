package io.runway.core.lease;

import io.runway.core.label.LabelExpression;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Pools, resources and the indexes that keep a grant's cost independent of the fleet's size: free
 * resources per pool and per label, and cached counts of how many resources match a (pool, capability).
 * Touched only by the engine's writer.
 */
final class ResourceIndex {
    private final Map<String, PoolSlot> pools = new LinkedHashMap<>();
    private final Map<String, ResourceSlot> resources = new LinkedHashMap<>();
    private final Map<String, LinkedHashSet<ResourceSlot>> freeByLabel = new HashMap<>();
    /** Key: pool-or-"*" + '\u0000' + capability text; value: matching resources per pool. */
    private final Map<String, Map<PoolSlot, Integer>> matchCounts = new HashMap<>();
    private static final int MAX_CACHED_EXPRESSIONS = 10_000;
    private static final LinkedHashSet<ResourceSlot> NONE_FREE = new LinkedHashSet<>(); // never written to
    private int freeCount;
    /** Free resources by shape, for placed requests. */
    final ShapeIndex shapes = new ShapeIndex(resources.values());

    void addPool(PoolSlot pool) {
        pools.put(pool.name(), pool);
    }

    void addResource(ResourceSlot slot) {
        resources.put(slot.id, slot);
        shapes.add(slot);
        if (slot.configured) {
            slot.pool.size++;
        }
        if (slot.state().isGrantable() && slot.configured) {
            markFree(slot);
        }
        matchCounts.clear();
    }

    /** New attributes for a resource that is not free (a provider's facts, before it becomes FREE). */
    void describe(ResourceSlot slot, Map<String, Object> attributes) {
        shapes.reshape(slot, ResourceView.frozen(attributes));
    }

    /** A provisioned resource retired: it no longer counts towards its pool or any match. */
    void retired(ResourceSlot slot) {
        if (slot.configured) {
            slot.pool.size--;
            slot.configured = false;
        }
        matchCounts.clear();
    }

    PoolSlot pool(String name) {
        return pools.get(name);
    }

    Collection<PoolSlot> pools() {
        return pools.values();
    }

    ResourceSlot resource(String id) {
        return resources.get(id);
    }

    Collection<ResourceSlot> resources() {
        return resources.values();
    }

    int freeCount() {
        return freeCount;
    }

    void markFree(ResourceSlot slot) {
        if (slot.pool.free.add(slot)) {
            freeCount++;
            shapes.markFree(slot);
            for (String label : slot.labels) {
                freeByLabel.computeIfAbsent(label, k -> new LinkedHashSet<>()).add(slot);
            }
        }
    }

    void markTaken(ResourceSlot slot) {
        if (slot.pool.free.remove(slot)) {
            freeCount--;
            shapes.markTaken(slot);
            for (String label : slot.labels) {
                Set<ResourceSlot> set = freeByLabel.get(label);
                if (set != null) {
                    set.remove(slot);
                }
            }
        }
    }

    /**
     * Free resources in scope that match, in the order they became free, skipping {@code skip}. Iterates the
     * smallest index that must contain every match: a pool's free set or a required label's free set.
     */
    List<ResourceSlot> pickFree(PoolSlot scope, LabelExpression capability, int count,
                                Predicate<ResourceSlot> skip) {
        Collection<ResourceSlot> source = scope == null ? null : scope.free;
        for (String label : capability.requiredLabels()) {
            Set<ResourceSlot> byLabel = freeByLabel.getOrDefault(label, NONE_FREE);
            if (source == null || byLabel.size() < source.size()) {
                source = byLabel;
            }
        }
        List<ResourceSlot> picked = new ArrayList<>(Math.min(count, 64));
        if (source == null) {
            for (PoolSlot pool : pools.values()) {
                if (collect(pool.free, scope, capability, count, skip, picked)) {
                    break;
                }
            }
        } else {
            collect(source, scope, capability, count, skip, picked);
        }
        return picked;
    }

    private static boolean collect(Collection<ResourceSlot> source, PoolSlot scope, LabelExpression capability,
                                   int count, Predicate<ResourceSlot> skip, List<ResourceSlot> into) {
        for (ResourceSlot slot : source) {
            if ((scope == null || slot.pool == scope) && capability.matches(slot.labels) && !skip.test(slot)) {
                into.add(slot);
                if (into.size() == count) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many configured resources in scope match, per pool, whatever their state (cached). */
    Map<PoolSlot, Integer> matching(PoolSlot scope, LabelExpression capability) {
        String key = (scope == null ? "*" : scope.name()) + '\u0000' + capability;
        if (matchCounts.size() > MAX_CACHED_EXPRESSIONS) {
            matchCounts.clear(); // bounded: callers may send arbitrarily many distinct expressions
        }
        return matchCounts.computeIfAbsent(key, k -> {
            Map<PoolSlot, Integer> counts = new LinkedHashMap<>();
            for (ResourceSlot slot : resources.values()) {
                if (slot.configured && slot.state() != ResourceState.RETIRED
                        && (scope == null || slot.pool == scope) && capability.matches(slot.labels)) {
                    counts.merge(slot.pool, 1, Integer::sum);
                }
            }
            return counts;
        });
    }
}
