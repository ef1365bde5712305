package io.runway.core.spec;

import io.runway.core.pool.LeaseLimits;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Semantic checks of a pools config; reports every violation, in document order. */
public final class PoolsConfigValidator implements SpecValidator<PoolsConfig> {
    public static final Set<String> PROVIDERS = Set.of("static", "local");
    static final Duration MAX_DURATION = Duration.ofDays(3650);
    static final int MAX_COUNT = 1_000_000;
    private static final int MAX_LABEL = 63;

    @Override
    public List<Violation> validate(PoolsConfig config) {
        List<Violation> out = new ArrayList<>();
        if (config.pools().isEmpty()) {
            out.add(new Violation("pools", "at least one pool is required"));
        }
        Map<String, String> poolNames = new HashMap<>();
        Map<String, String> resourceNames = new HashMap<>();
        for (int i = 0; i < config.pools().size(); i++) {
            String path = FieldPath.index("pools", i);
            PoolSpec pool = config.pools().get(i);
            checkName(out, FieldPath.field(path, "name"), pool.name(), SpecPatterns.POOL_NAME_PATTERN,
                    "pool name", "1 to 63 characters of a-z, 0-9 and '-'", poolNames);
            if (!PROVIDERS.contains(pool.provider())) {
                out.add(new Violation(FieldPath.field(path, "provider"), "unknown provider '" + pool.provider()
                        + "'; expected one of: local, static"));
            }
            for (int j = 0; j < pool.resources().size(); j++) {
                checkResource(out, FieldPath.index(FieldPath.field(path, "resources"), j), pool.resources().get(j), resourceNames);
            }
            checkDuration(out, FieldPath.field(path, "cooldown"), pool.cooldown(), true);
            Integer perOwner = pool.quota().perOwner();
            if (perOwner != null && perOwner < 1) {
                out.add(new Violation(FieldPath.field(path, "quota.perOwner"), "must be at least 1 (leave it out for no limit), not " + perOwner));
            }
        }
        checkLimits(out, config.limits());
        return out;
    }

    private static void checkResource(List<Violation> out, String path, ResourceSpec resource, Map<String, String> seen) {
        checkName(out, FieldPath.field(path, "name"), resource.name(), SpecPatterns.RESOURCE_NAME_PATTERN, "resource name",
                "1 to 63 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit", seen);
        Map<String, Integer> labels = new HashMap<>();
        for (int k = 0; k < resource.labels().size(); k++) {
            String labelPath = FieldPath.index(FieldPath.field(path, "labels"), k);
            String label = resource.labels().get(k);
            String problem = labelProblem(label);
            if (problem != null) {
                out.add(new Violation(labelPath, problem));
            } else if (labels.putIfAbsent(label, k) != null) {
                out.add(new Violation(labelPath, "duplicate label '" + label + "' (also labels[" + labels.get(label) + "])"));
            }
        }
        resource.attributes().forEach((key, value) -> {
            String attributePath = FieldPath.field(FieldPath.field(path, "attributes"), key);
            if (!SpecPatterns.ATTRIBUTE_KEY_PATTERN.matcher(key).matches()) {
                out.add(new Violation(attributePath, "attribute name '" + key
                        + "' must be 1 to 63 characters of A-Z, a-z, 0-9, '_', '.' and '-'"));
            }
            String valueProblem = attributeValueProblem(value);
            if (valueProblem != null) {
                out.add(new Violation(attributePath, valueProblem));
            }
        });
    }

    /** Null when the label is acceptable; labels must be writable bare in a label expression. */
    static String labelProblem(String label) {
        if (label.isEmpty()) {
            return "a label must not be empty";
        }
        if (label.length() > MAX_LABEL) {
            return "label is longer than " + MAX_LABEL + " characters";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return "label '" + label + "' must not contain whitespace";
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "label '" + label + "' must not contain control or invisible characters";
            }
            if ("()!&|<>\"".indexOf(c) >= 0) {
                return "label '" + label + "' must not contain '" + c + "' (an operator of label expressions)";
            }
        }
        return null;
    }

    private static String attributeValueProblem(Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return null;
        }
        if (value instanceof Number n) {
            boolean finite = !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
            return finite ? null : "attribute values must be finite numbers";
        }
        String kind = value == null ? "null" : value instanceof List ? "a list" : value instanceof Map ? "a mapping" : "a " + value.getClass().getSimpleName();
        return "attribute values must be a string, number or boolean, not " + kind;
    }

    private static void checkName(List<Violation> out, String path, String name, java.util.regex.Pattern pattern,
            String what, String rule, Map<String, String> seen) {
        if (name == null) {
            out.add(new Violation(path, "is required"));
        } else if (!pattern.matcher(name).matches()) {
            out.add(new Violation(path, what + " '" + name + "' must be " + rule));
        } else if (seen.putIfAbsent(name, path) != null) {
            out.add(new Violation(path, what + " '" + name + "' is already used at " + FieldPath.parent(seen.get(name))));
        }
    }

    private static void checkLimits(List<Violation> out, LeaseLimits limits) {
        checkDuration(out, "limits.maxTtl", limits.maxTtl(), false);
        checkDuration(out, "limits.maxWait", limits.maxWait(), true);
        checkDuration(out, "limits.retention", limits.retention(), true);
        if (limits.maxCount() < 1 || limits.maxCount() > MAX_COUNT) {
            out.add(new Violation("limits.maxCount", "must be between 1 and " + MAX_COUNT + ", not " + limits.maxCount()));
        }
    }

    private static void checkDuration(List<Violation> out, String path, Duration d, boolean zeroAllowed) {
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            out.add(new Violation(path, zeroAllowed ? "must not be negative" : "must be longer than 0s"));
        } else if (d.compareTo(MAX_DURATION) > 0) {
            out.add(new Violation(path, "must be at most 3650d, not " + Durations.format(d)));
        }
    }
}
