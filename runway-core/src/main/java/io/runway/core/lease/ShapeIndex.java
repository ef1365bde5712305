package io.runway.core.lease;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Free resources grouped by shape (pool, labels, attributes), each group ordered by when its resources
 * became free, and the shapes each placement policy accepts (cached per policy key). A placed request then
 * costs a walk over the feasible shapes plus the resources it takes, whatever the size of the fleet.
 * Touched only by the engine's writer.
 */
final class ShapeIndex {
    private static final int MAX_CACHED_POLICIES = 10_000;
    private static final Comparator<ResourceSlot> BY_FREED = Comparator.comparingLong((ResourceSlot s) -> s.freedSeq)
            .thenComparing(s -> s.id);

    /** Resources that look alike to every policy. */
    static final class Shape {
        final PoolSlot pool;
        final Set<String> labels;
        final Map<String, Object> attributes;
        final TreeSet<ResourceSlot> free = new TreeSet<>(BY_FREED);

        Shape(PoolSlot pool, Set<String> labels, Map<String, Object> attributes) {
            this.pool = pool;
            this.labels = labels;
            this.attributes = attributes;
        }
    }

    private final Map<String, Shape> shapes = new HashMap<>();
    /** Key: pool-or-"*" + '\u0000' + policy key; value: the shapes that policy accepts. */
    private final Map<String, List<Shape>> feasible = new HashMap<>();
    private long freedSeq;

    Shape shapeOf(PoolSlot pool, Set<String> labels, Map<String, Object> attributes) {
        String key = pool.name() + '\u0000' + new TreeSet<>(labels) + '\u0000' + new TreeMap<>(attributes);
        return shapes.computeIfAbsent(key, k -> {
            feasible.clear(); // a new shape may be accepted by policies already cached
            return new Shape(pool, labels, attributes);
        });
    }

    int shapeCount() {
        return shapes.size();
    }

    void markFree(ResourceSlot slot) {
        slot.freedSeq = ++freedSeq;
        slot.shape.free.add(slot);
    }

    void markTaken(ResourceSlot slot) {
        slot.shape.free.remove(slot);
    }

    /**
     * Up to {@code count} free resources in scope that the policy accepts, best shape first, skipping
     * {@code skip} (which may count what it lets through, as quotas do).
     */
    List<ResourceSlot> pick(PoolSlot scope, LeaseRequest request, PlacementPolicy policy, int count,
                            Predicate<ResourceSlot> skip) {
        List<Shape> candidates = feasible(scope, request, policy);
        List<PlacementPolicy.ShapeView> views = new ArrayList<>();
        Map<PlacementPolicy.ShapeView, Shape> byView = new java.util.IdentityHashMap<>();
        for (Shape shape : candidates) {
            if (!shape.free.isEmpty()) {
                PlacementPolicy.ShapeView view = new PlacementPolicy.ShapeView(shape.pool.name(), shape.pool.size,
                        shape.pool.free.size(), shape.attributes, shape.free.size());
                views.add(view);
                byView.put(view, shape);
            }
        }
        views.sort(policy.order());
        List<ResourceSlot> picked = new ArrayList<>(Math.min(count, 64));
        for (PlacementPolicy.ShapeView view : views) {
            TreeSet<ResourceSlot> free = byView.get(view).free;
            Iterator<ResourceSlot> it = policy.newestFirst() ? free.descendingIterator() : free.iterator();
            while (it.hasNext()) {
                ResourceSlot slot = it.next();
                if (!skip.test(slot)) {
                    picked.add(slot);
                    if (picked.size() == count) {
                        return picked;
                    }
                }
            }
        }
        return picked;
    }

    private List<Shape> feasible(PoolSlot scope, LeaseRequest request, PlacementPolicy policy) {
        String key = (scope == null ? "*" : scope.name()) + '\u0000' + request.capability() + '\u0000' + policy.key();
        if (feasible.size() > MAX_CACHED_POLICIES) {
            feasible.clear(); // bounded: callers may send arbitrarily many distinct policies
        }
        return feasible.computeIfAbsent(key, k -> {
            List<Shape> out = new ArrayList<>();
            for (Shape shape : shapes.values()) {
                if ((scope == null || shape.pool == scope) && request.capability().matches(shape.labels)
                        && policy.accepts(shape.pool.name(), shape.labels, shape.attributes)) {
                    out.add(shape);
                }
            }
            return out;
        });
    }
}
