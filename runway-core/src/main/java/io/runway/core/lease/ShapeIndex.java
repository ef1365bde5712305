package io.runway.core.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        /** freedSeq of the longest-free and of the most recently freed resource (kept, not searched per decision). */
        long oldestSeq;
        long newestSeq;

        void add(ResourceSlot slot) {
            free.add(slot);
            if (free.size() == 1) {
                oldestSeq = slot.freedSeq;
                newestSeq = slot.freedSeq;
            } else {
                oldestSeq = Math.min(oldestSeq, slot.freedSeq);
                newestSeq = Math.max(newestSeq, slot.freedSeq);
            }
        }

        void remove(ResourceSlot slot) {
            if (free.remove(slot) && !free.isEmpty()) {
                if (slot.freedSeq == oldestSeq) {
                    oldestSeq = free.first().freedSeq;
                }
                if (slot.freedSeq == newestSeq) {
                    newestSeq = free.last().freedSeq;
                }
            }
        }

        Shape(PoolSlot pool, Set<String> labels, Map<String, Object> attributes) {
            this.pool = pool;
            this.labels = labels;
            this.attributes = attributes;
        }
    }

    private final Map<String, Shape> shapes = new HashMap<>();
    /** Key: pool-or-"*" + '\u0000' + capability + '\u0000' + policy key; value: the shapes that policy accepts. */
    private final Map<String, List<Shape>> feasible = new HashMap<>();
    /** Attribute names that split shapes: every name some policy has read. */
    private final Set<String> indexed = new HashSet<>();
    /** How many resources have each attribute name (a newly read name no resource has needs no rebuild). */
    private final Map<String, Integer> attributeNames = new HashMap<>();
    private final Collection<ResourceSlot> all;
    private long freedSeq;
    private PlacementPolicy lastIndexed;

    /** @param all every resource, read when the shapes are rebuilt */
    ShapeIndex(Collection<ResourceSlot> all) {
        this.all = all;
    }

    /** Files a new resource under its shape (it is not free yet). */
    void add(ResourceSlot slot) {
        slot.attributes.keySet().forEach(name -> attributeNames.merge(name, 1, Integer::sum));
        slot.shape = shapeOf(slot);
    }

    /** Gives a resource that is not free new attributes, and files it under the shape they make. */
    void reshape(ResourceSlot slot, Map<String, Object> attributes) {
        if (slot.pool.free.contains(slot)) {
            throw new IllegalStateException("resource " + slot.id + " is free: its shape cannot change now");
        }
        attributes.keySet().stream().filter(name -> !slot.attributes.containsKey(name))
                .forEach(name -> attributeNames.merge(name, 1, Integer::sum));
        slot.attributes = attributes;
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
        slot.shape.add(slot);
    }

    void markTaken(ResourceSlot slot) {
        slot.shape.remove(slot);
    }

    /**
     * Up to {@code count} free resources in scope that the policy accepts, best shape first, skipping
     * {@code skip} (which may count what it lets through, as quotas do).
     */
    List<ResourceSlot> pick(PoolSlot scope, LeaseRequest request, PlacementPolicy policy, int count,
                            Predicate<ResourceSlot> skip) {
        index(policy);
        List<Shape> feasibleShapes = feasible(scope, request, policy);
        boolean newest = policy.newestFirst();
        Candidate[] candidates = new Candidate[feasibleShapes.size()];
        int n = 0;
        for (Shape shape : feasibleShapes) {
            if (!shape.free.isEmpty()) {
                // Equal scores: the shape holding the longest-free (or most recently freed) resource first, so
                // order by freeing time holds across shapes as it does within one.
                long tie = newest ? -shape.newestSeq : shape.oldestSeq;
                candidates[n++] = new Candidate(new PlacementPolicy.ShapeView(shape.pool.name(), shape.pool.size,
                        shape.pool.free.size(), shape.attributes, shape.free.size()), shape, tie);
            }
        }
        Comparator<PlacementPolicy.ShapeView> order = policy.order();
        Comparator<Candidate> best = (a, b) -> {
            int c = order.compare(a.view, b.view);
            return c != 0 ? c : Long.compare(a.tie, b.tie);
        };
        List<ResourceSlot> picked = new ArrayList<>(Math.min(count, 64));
        if (n == 0) {
            return picked;
        }
        // Usually the best shape alone serves the request: find it in one pass, sort only if it does not.
        int first = 0;
        for (int i = 1; i < n; i++) {
            if (best.compare(candidates[i], candidates[first]) < 0) {
                first = i;
            }
        }
        if (take(candidates[first].shape, newest, count, skip, picked)) {
            return picked;
        }
        candidates[first] = candidates[--n];
        java.util.Arrays.sort(candidates, 0, n, best);
        for (int i = 0; i < n; i++) {
            if (take(candidates[i].shape, newest, count, skip, picked)) {
                return picked;
            }
        }
        return picked;
    }

    /** A feasible shape with free resources, as scored for one decision. */
    private record Candidate(PlacementPolicy.ShapeView view, Shape shape, long tie) {}

    /** Adds free resources of {@code shape} to {@code picked}; true once it holds {@code count}. */
    private static boolean take(Shape shape, boolean newest, int count, Predicate<ResourceSlot> skip,
                                List<ResourceSlot> picked) {
        Iterator<ResourceSlot> it = newest ? shape.free.descendingIterator() : shape.free.iterator();
        while (it.hasNext()) {
            ResourceSlot slot = it.next();
            if (!skip.test(slot)) {
                picked.add(slot);
                if (picked.size() == count) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Makes the attributes {@code policy} reads split shapes from now on, rebuilding the shapes if one is new. */
    private void index(PlacementPolicy policy) {
        if (policy == lastIndexed) {
            return; // the same policy again (a waiter asked on every dispatch): nothing new to index
        }
        lastIndexed = policy;
        boolean changed = false;
        for (String name : policy.attributesRead()) {
            // Every name read is indexed, so a resource added later with that attribute is filed correctly;
            // shapes need rebuilding only when some resource already has it.
            if (indexed.add(name) && attributeNames.containsKey(name)) {
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
                slot.shape.add(slot); // keeps its freedSeq, so the order within a shape is kept
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
