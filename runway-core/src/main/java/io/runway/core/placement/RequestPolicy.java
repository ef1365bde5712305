package io.runway.core.placement;

import io.runway.core.lease.PlacementPolicy;
import io.runway.core.spec.PoolsConfigValidator;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * A {@link PlacementRequest}'s filter and scoring, as the lease engine applies them: feasible when every
 * attribute constraint holds and the resource's {@code costPerHour} fits the cost limit; ranked by the
 * request's {@link Scoring}. Labels and pool scope are checked by the engine from the lease request.
 */
public final class RequestPolicy implements PlacementPolicy {
    private final PlacementRequest request;
    private final String key;
    private final Set<String> attributesRead;
    private final Comparator<ShapeView> order;

    public RequestPolicy(PlacementRequest request) {
        this.request = request;
        this.key = request.constraintsText() + "|cost<=" + request.costLimitPerResource() + "|" + request.scoring();
        Set<String> read = new java.util.TreeSet<>();
        request.constraints().forEach(c -> read.add(c.attribute()));
        read.add(PoolsConfigValidator.COST_PER_HOUR); // cost limits and cheapest scoring
        this.attributesRead = java.util.Collections.unmodifiableSet(read);
        this.order = order(request.scoring());
    }

    /** What one resource with these attributes costs per hour ({@code costPerHour}; absent or non-numeric: 0). */
    public static double cost(Map<String, Object> attributes) {
        BigDecimal n = AttributeConstraint.number(attributes.get(PoolsConfigValidator.COST_PER_HOUR));
        return n == null ? 0 : n.doubleValue();
    }

    /** Whether attributes satisfy the constraints and the cost limit (labels not included). */
    static boolean feasible(PlacementRequest request, Map<String, Object> attributes) {
        for (AttributeConstraint c : request.constraints()) {
            if (!c.matches(attributes)) {
                return false;
            }
        }
        Double limit = request.costLimitPerResource();
        return limit == null || cost(attributes) <= limit + 1e-9;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean accepts(String pool, Set<String> labels, Map<String, Object> attributes) {
        return feasible(request, attributes);
    }

    @Override
    public Set<String> attributesRead() {
        return attributesRead;
    }

    @Override
    public Comparator<ShapeView> order() {
        return order;
    }

    private static Comparator<ShapeView> order(Scoring scoring) {
        Comparator<ShapeView> busiestFirst = Comparator.comparingDouble((ShapeView v) -> -v.poolBusyShare())
                .thenComparing(ShapeView::pool);
        return switch (scoring) {
            case BIN_PACK -> busiestFirst;
            case SPREAD -> Comparator.comparingDouble(ShapeView::poolBusyShare).thenComparing(v -> -v.free())
                    .thenComparing(ShapeView::pool);
            case CHEAPEST -> Comparator.comparingDouble((ShapeView v) -> cost(v.attributes())).thenComparing(busiestFirst);
        };
    }

    @Override
    public boolean newestFirst() {
        return request.scoring() != Scoring.SPREAD;
    }
}
