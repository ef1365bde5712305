package io.runway.core.traffic;

import java.util.List;

/**
 * A {@link Route} compiled for the hot path: bucket bounds in an array, cohort regexes compiled (RE2, so a
 * request's header cannot make matching backtrack; see {@link CohortPattern}). Pure and
 * immutable, so a router can publish it through one volatile reference and read it without locks.
 *
 * <p>Decision order: the first matching cohort rule; else, with stickiness and a user key present, the
 * key's bucket; else the bucket of the request's sequence number.
 */
public final class RoutingTable {
    private final String service;
    private final Route route;
    private final String[] versions;
    private final int[] bucketEnds;
    private final List<CompiledRule> rules;

    private RoutingTable(String service, Route route) {
        this.service = service;
        this.route = route;
        this.versions = route.order().toArray(String[]::new);
        this.bucketEnds = new int[versions.length];
        int end = 0;
        for (int i = 0; i < versions.length; i++) {
            end += route.weightOf(versions[i]);
            bucketEnds[i] = end;
        }
        this.rules = route.experiments().stream().map(CompiledRule::new).toList();
    }

    public static RoutingTable compile(String service, Route route) {
        return new RoutingTable(service, route);
    }

    public Route route() {
        return route;
    }

    /** The version that serves {@code request}, the {@code sequence}-th request of this service. */
    public String versionFor(RequestView request, long sequence) {
        for (CompiledRule rule : rules) {
            if (rule.matches(request)) {
                return rule.version;
            }
        }
        RequestKey userKey = route.stickiness().userKey();
        if (userKey != null) {
            String key = userKey.valueIn(request);
            if (key != null && !key.isEmpty()) {
                return versionOfBucket(Buckets.ofUserKey(service, key));
            }
        }
        return versionOfBucket(Buckets.ofSequence(sequence));
    }

    /** The version owning {@code bucket}; a version of weight 0 owns no bucket. */
    public String versionOfBucket(int bucket) {
        for (int i = 0; i < bucketEnds.length; i++) {
            if (bucket < bucketEnds[i]) {
                return versions[i];
            }
        }
        throw new IllegalArgumentException("bucket " + bucket + " outside [0, " + Route.TOTAL + ")");
    }

    public Backend backendOf(String version) {
        return route.backends().get(version);
    }

    private static final class CompiledRule {
        private final RequestKey key;
        private final String equalTo;
        private final CohortPattern regex;
        private final String version;

        CompiledRule(CohortRule rule) {
            this.key = rule.key();
            this.equalTo = rule.equalTo();
            this.regex = rule.regex() == null ? null : CohortPattern.compile(rule.regex());
            this.version = rule.version();
        }

        boolean matches(RequestView request) {
            String value = key.valueIn(request);
            if (value == null) {
                return false;
            }
            // Both bound the value: an equalTo is at most MAX_VALUE_LENGTH long (CohortRule), and so is what
            // CohortPattern.matches accepts.
            return equalTo != null ? equalTo.equals(value) : regex.matches(value);
        }
    }
}
