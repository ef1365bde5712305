package io.runway.core.placement;

import io.runway.core.lease.ResourceStatus;
import io.runway.core.resource.ResourceState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resources of a capacity snapshot grouped by shape (pool, labels, attributes), so scaling decisions and
 * blocked reasons cost the number of shapes per request, not the number of resources.
 */
final class Shapes {
    private Shapes() {}

    /** Resources that look alike, with how many are in each state that matters here. */
    static final class Shape {
        final String pool;
        final Set<String> labels;
        final Map<String, Object> attributes;
        int total;
        int free;
        int provisioning;
        /** Resources being provisioned; {@link #provisioning} counts down as demand is matched against them. */
        int provisioningTotal;

        Shape(String pool, Set<String> labels, Map<String, Object> attributes) {
            this.pool = pool;
            this.labels = labels;
            this.attributes = attributes;
        }

        boolean inScope(PlacementRequest r) {
            return r.pool() == null || r.pool().equals(pool);
        }

        boolean serves(PlacementRequest r) {
            return inScope(r) && r.capability().matches(labels) && RequestPolicy.feasible(r, attributes);
        }
    }

    static List<Shape> of(List<ResourceStatus> resources) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ResourceStatus r : resources) {
            String key = r.view().pool() + '\u0000' + new TreeSet<>(r.view().labels()) + '\u0000' + new TreeMap<>(r.view().attributes());
            Shape s = shapes.computeIfAbsent(key, k -> new Shape(r.view().pool(), Set.copyOf(r.view().labels()), r.view().attributes()));
            s.total++;
            if (r.view().state() == ResourceState.FREE) {
                s.free++;
            } else if (r.view().state() == ResourceState.PROVISIONING) {
                s.provisioning++;
                s.provisioningTotal++;
            }
        }
        return new ArrayList<>(shapes.values());
    }

    /** Why no existing resource serves {@code r}: the first filter that leaves nothing, or that they are busy. */
    static String diagnose(List<Shape> shapes, PlacementRequest r) {
        List<Shape> left = shapes.stream().filter(s -> s.inScope(r)).toList();
        if (left.isEmpty()) {
            return r.pool() == null ? "no resources in any pool" : "no resources in pool " + r.pool();
        }
        if (!r.capability().toString().isEmpty()) {
            left = left.stream().filter(s -> r.capability().matches(s.labels)).toList();
            if (left.isEmpty()) {
                return "no resource matches '" + r.capability() + "'";
            }
        }
        for (AttributeConstraint c : r.constraints()) {
            left = left.stream().filter(s -> c.matches(s.attributes)).toList();
            if (left.isEmpty()) {
                return "no resource matches " + c;
            }
        }
        if (r.costLimitPerHour() != null) {
            left = left.stream().filter(s -> RequestPolicy.feasible(r, s.attributes)).toList();
            if (left.isEmpty()) {
                return "no resource costs at most " + money(r.costLimitPerResource()) + "/h (cost limit "
                        + money(r.costLimitPerHour()) + "/h for " + r.count() + ")";
            }
        }
        int matching = left.stream().mapToInt(s -> s.total).sum();
        if (matching < r.count()) {
            return "only " + matching + " resource(s) match, " + r.count() + " needed";
        }
        int provisioning = left.stream().mapToInt(s -> s.provisioningTotal).sum();
        return "all " + matching + " matching resource(s) are taken"
                + (provisioning == 0 ? "" : " (" + provisioning + " being provisioned)");
    }

    static String money(double amount) {
        return new BigDecimal(Double.toString(amount)).stripTrailingZeros().toPlainString();
    }
}
