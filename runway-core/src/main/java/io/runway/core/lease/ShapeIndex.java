package io.runway.core.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Free resources grouped by shape — pool, labels, and the attributes some placement policy reads — each group
 * ordered by when its resources became free, and the shapes each policy accepts (cached per policy key). A
 * placed request then costs a walk over the feasible shapes plus the resources it takes, whatever the size of
 * the fleet, as long as the attributes policies read have few distinct values. Attributes no policy reads
 * (a host name, an instance id) do not split shapes; when a policy first reads a new attribute the shapes are
 * rebuilt once. Touched only by the engine's writer.
 */
final class ShapeIndex {
    private static final int MAX_CACHED_POLICIES = 10_000;
    private static final Comparator<ResourceSlot> BY_FREED = Comparator.comparingLong((ResourceSlot s) -> s.freedSeq)
            .thenComparing(s -> s.id);

    /** Resources that look alike to every policy seen so far. */
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
    /** Key: pool-or-"*" + '\u0000' + capability + '\u0000' + policy key; value: the shapes that policy accepts. */
    private final Map<String, List<Shape>> feasible = new HashMap<>();
    /** Attribute names that split shapes: those some policy read and some resource has. */
    private final Set<String> indexed = new HashSet<>();
    /** How many resources have each attribute name (bounds {@link #indexed} to names that exist). */
    private final Map<String, Integer> attributeNames = new HashMap<>();
    private final Collection<ResourceSlot> all;
    private long freedSeq;

    /** @param all every resource, read when the shapes are rebuilt */
    ShapeIndex(Collection<ResourceSlot> all) {
        this.all = all;
    }

    /** Files a new resource under its shape (it is not free yet). */
    void add(ResourceSlot slot) {
        slot.attributes.keySet().forEach(name -> attributeNames.merge(name, 1, Integer::sum));
        slot.shape = shapeOf(slot);
    }

    private Shape shapeOf(ResourceSlot slot) {
        Map<String, Object> projected = new TreeMap<>();
        for (String name : indexed) {
            Object value = slot.attributes.get(name);
            if (value != null) {
                projected.put(name, value);
            }
        }
        String key = slot.pool.name() + '\u0000' + new TreeSet<>(slot.labels) + '\u0000' + projected;
        return shapes.computeIfAbsent(key, k -> {
            feasible.clear(); // a new shape may be accepted by policies already cached
            return new Shape(slot.pool, slot.labels, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(projected)));
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
        index(policy.attributesRead());
        List<Shape> candidates = feasible(scope, request, policy);
        Map<PlacementPolicy.ShapeView, Shape> byView = new IdentityHashMap<>();
        // Equal scores: the shape holding the longest-free (or most recently freed) resource first, so order
        // by freeing time holds across shapes as it does within one.
        boolean newest = policy.newestFirst();
        Comparator<PlacementPolicy.ShapeView> order = policy.order().thenComparingLong(v -> {
            TreeSet<ResourceSlot> free = byView.get(v).free;
            return newest ? -free.last().freedSeq : free.first().freedSeq;
        });
        PriorityQueue<PlacementPolicy.ShapeView> best = new PriorityQueue<>(Math.max(1, candidates.size()), order);
        for (Shape shape : candidates) {
            if (!shape.free.isEmpty()) {
                PlacementPolicy.ShapeView view = new PlacementPolicy.ShapeView(shape.pool.name(), shape.pool.size,
                        shape.pool.free.size(), shape.attributes, shape.free.size());
                byView.put(view, shape);
                best.add(view);
            }
        }
        List<ResourceSlot> picked = new ArrayList<>(Math.min(count, 64));
        PlacementPolicy.ShapeView view;
        while ((view = best.poll()) != null) {
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

    /** Makes {@code names} split shapes from now on, rebuilding the shapes if one is new. */
    private void index(Set<String> names) {
        boolean changed = false;
        for (String name : names) {
            if (!indexed.contains(name) && attributeNames.containsKey(name)) {
                indexed.add(name);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        shapes.clear();
        feasible.clear();
        for (ResourceSlot slot : all) {
            boolean free = slot.shape != null && slot.shape.free.contains(slot);
            slot.shape = shapeOf(slot);
            if (free) {
                slot.shape.free.add(slot); // keeps its freedSeq, so the order within a shape is kept
            }
        }
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
