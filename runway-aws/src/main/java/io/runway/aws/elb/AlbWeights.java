package io.runway.aws.elb;

import io.runway.core.traffic.Route;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Route weights (basis points, summing to 10,000) to ALB target group weights (integers 0-999, relative to
 * their sum). Each weight is {@code round(bp x 999 / 10,000)}, except that a version with any traffic
 * gets at least 1: so 1% (100 bp) becomes 10 of 999 (1.001%), 0.5% becomes 5, 0.01% becomes 1 (about
 * 0.1%, the least share an ALB can give beside 999), and 100% becomes 999 alone. The share a version
 * really gets is its weight over the sum of weights; rounding moves it by at most 0.051 percentage points (tested for every basis point)
 * except for a share (the canary's or the baseline's) under 0.1%, which is raised to about 0.1% rather
 * than dropped to nothing.
 */
public final class AlbWeights {
    public static final int MAX = 999;

    private AlbWeights() {}

    public static int of(int basisPoints) {
        if (basisPoints < 0 || basisPoints > Route.TOTAL) {
            throw new IllegalArgumentException("basis points must be 0.." + Route.TOTAL + ", was " + basisPoints);
        }
        if (basisPoints == 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round(basisPoints * (double) MAX / Route.TOTAL));
    }

    /** Every version's ALB weight, in the route's bucket order. */
    public static Map<String, Integer> of(Route route) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String version : route.order()) {
            out.put(version, of(route.weightOf(version)));
        }
        return out;
    }

    /** The share in percent that {@code weight} gets among {@code weights}. */
    public static double sharePercent(int weight, Map<String, Integer> weights) {
        int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
        return sum == 0 ? 0 : 100.0 * weight / sum;
    }
}
