package io.runway.core.traffic;

import io.runway.core.error.InvalidInputException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one service's traffic is split between its versions.
 *
 * <p>Weights are basis points (1 bp = 0.01%, so 1% = 100, 0.5% = 50) and sum to {@value #TOTAL}.
 * {@code order} fixes which contiguous bucket range each version owns, first version from bucket 0; put
 * the canary first so that growing its weight only ever moves users onto it (sticky buckets are
 * monotonic). The order is explicit because map iteration order is not stable across JVM runs.
 * A version with a backend but no weight receives only the requests its cohort rules pin to it, and the
 * copies of a {@link Mirror} (null: nothing is mirrored).
 */
public record Route(
        Map<String, Backend> backends,
        Map<String, Integer> weights,
        List<String> order,
        Stickiness stickiness,
        List<CohortRule> experiments,
        Mirror mirror) {

    /** The whole of the traffic, in basis points. */
    public static final int TOTAL = 10_000;

    // Versions travel in the X-Runway-Version header and in metric names, so keep them tame.
    private static final Pattern VERSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");

    public Route {
        if (backends == null || backends.isEmpty()) {
            throw new InvalidInputException("backends", "a route needs at least one backend");
        }
        backends.forEach((version, backend) -> {
            if (version == null || !VERSION_NAME.matcher(version).matches()) {
                throw new InvalidInputException("backends", "version name '" + version
                        + "' must be 1-128 characters of letters, digits and ._:+- starting with a letter or digit");
            }
            Objects.requireNonNull(backend, () -> "backend of version " + version);
        });
        backends = Map.copyOf(backends);
        weights = checkWeights(weights, backends);
        order = checkOrder(order, weights);
        stickiness = stickiness == null ? Stickiness.NONE : stickiness;
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
        for (CohortRule rule : experiments) {
            if (!backends.containsKey(rule.version())) {
                throw new InvalidInputException("experiments", "cohort rule on " + rule.key()
                        + " pins version '" + rule.version() + "', which has no backend");
            }
        }
        if (mirror != null && !backends.containsKey(mirror.version())) {
            throw new InvalidInputException("mirror", "mirror to version '" + mirror.version()
                    + "', which has no backend (backends: " + backends.keySet() + ")");
        }
    }

    /** All traffic to one version. */
    public static Route single(String version, Backend backend) {
        return new Route(Map.of(version, backend), Map.of(version, TOTAL), List.of(version), null, null, null);
    }

    /** {@code canaryBasisPoints} to the canary (bucket order: canary first), the rest to the stable version. */
    public static Route canary(String stable, Backend stableBackend, String canary, Backend canaryBackend,
                               int canaryBasisPoints) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(canary, canaryBasisPoints);
        weights.put(stable, TOTAL - canaryBasisPoints);
        return new Route(Map.of(stable, stableBackend, canary, canaryBackend), weights,
                List.of(canary, stable), null, null, null);
    }

    /** The same route with new weights over the same versions in the same bucket order. */
    public Route withWeights(Map<String, Integer> newWeights) {
        return new Route(backends, newWeights, order, stickiness, experiments, mirror);
    }

    public Route withStickiness(Stickiness newStickiness) {
        return new Route(backends, weights, order, newStickiness, experiments, mirror);
    }

    public Route withExperiments(List<CohortRule> newExperiments) {
        return new Route(backends, weights, order, stickiness, newExperiments, mirror);
    }

    /** The same route, copying requests as {@code newMirror} says (null: no copies). */
    public Route withMirror(Mirror newMirror) {
        return new Route(backends, weights, order, stickiness, experiments, newMirror);
    }

    /** The weight of {@code version} in basis points; 0 for a version reachable only by cohort rules. */
    public int weightOf(String version) {
        return weights.getOrDefault(version, 0);
    }

    private static Map<String, Integer> checkWeights(Map<String, Integer> weights, Map<String, Backend> backends) {
        if (weights == null || weights.isEmpty()) {
            throw new InvalidInputException("weights", "a route needs weights for at least one version");
        }
        long sum = 0;
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            String version = e.getKey();
            Integer weight = e.getValue();
            if (!backends.containsKey(version)) {
                throw new InvalidInputException("weights", "weight given for version '" + version
                        + "', which has no backend (backends: " + backends.keySet() + ")");
            }
            if (weight == null || weight < 0 || weight > TOTAL) {
                throw new InvalidInputException("weights", "weight of version '" + version + "' is " + weight
                        + " basis points; it must be between 0 and " + TOTAL + " (1% = 100)");
            }
            sum += weight;
        }
        if (sum != TOTAL) {
            throw new InvalidInputException("weights", "weights must sum to " + TOTAL
                    + " basis points (100%), got " + sum + " in " + weights);
        }
        return Map.copyOf(weights);
    }

    private static List<String> checkOrder(List<String> order, Map<String, Integer> weights) {
        if (order == null || order.isEmpty()) {
            if (weights.size() == 1) {
                return List.copyOf(weights.keySet());
            }
            throw new InvalidInputException("order", "a route with several weighted versions needs their bucket"
                    + " order (canary first), e.g. " + List.copyOf(weights.keySet()));
        }
        Set<String> seen = new HashSet<>();
        for (String version : order) {
            if (!seen.add(version)) {
                throw new InvalidInputException("order", "version '" + version + "' appears twice in the order");
            }
        }
        if (!seen.equals(weights.keySet())) {
            throw new InvalidInputException("order", "order " + order
                    + " must list exactly the weighted versions " + weights.keySet());
        }
        return List.copyOf(order);
    }
}
