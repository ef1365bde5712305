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
    /** EC2 instances per resource; the pool needs an {@code aws} section. */
    public static final String AWS_EC2 = "aws-ec2";
    public static final Set<String> PROVIDERS = Set.of("static", "local", AWS_EC2);
    /** Providers that can provision resources from a pool's {@code template}. */
    public static final Set<String> SCALING_PROVIDERS = Set.of("local", AWS_EC2);
    /** The attribute that says what one resource costs per hour (cost limits, {@code cheapest} scoring). */
    public static final String COST_PER_HOUR = "costPerHour";
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
                        + "'; expected one of: " + String.join(", ", new java.util.TreeSet<>(PROVIDERS))));
            }
            checkAws(out, path, pool);
            for (int j = 0; j < pool.resources().size(); j++) {
                checkResource(out, FieldPath.index(FieldPath.field(path, "resources"), j), pool.resources().get(j), resourceNames);
            }
            checkDuration(out, FieldPath.field(path, "cooldown"), pool.cooldown(), true);
            Integer perOwner = pool.quota().perOwner();
            if (perOwner != null && perOwner < 1) {
                out.add(new Violation(FieldPath.field(path, "quota.perOwner"), "must be at least 1 (leave it out for no limit), not " + perOwner));
            }
            checkScaling(out, path, pool);
        }
        checkLimits(out, config.limits());
        Integer overall = config.capacityOrNone().maxResources();
        if (overall != null && (overall < 1 || overall > MAX_COUNT)) {
            out.add(new Violation("capacity.maxResources", "must be between 1 and " + MAX_COUNT + ", not " + overall));
        }
        return out;
    }

    private static void checkResource(List<Violation> out, String path, ResourceSpec resource, Map<String, String> seen) {
        checkName(out, FieldPath.field(path, "name"), resource.name(), SpecPatterns.RESOURCE_NAME_PATTERN, "resource name",
                "1 to 63 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit", seen);
        checkLabels(out, path, resource.labels());
        checkAttributes(out, path, resource.attributes());
    }

    /** min, max, idleTimeout, provisioningTime and template of one pool. */
    private static void checkScaling(List<Violation> out, String path, PoolSpec pool) {
        int listed = pool.resources().size();
        if (pool.min() != null && (pool.min() < 0 || pool.min() > MAX_COUNT)) {
            out.add(new Violation(FieldPath.field(path, "min"), "must be between 0 and " + MAX_COUNT + ", not " + pool.min()));
        }
        if (pool.max() != null) {
            if (pool.max() < 1 || pool.max() > MAX_COUNT) {
                out.add(new Violation(FieldPath.field(path, "max"), "must be between 1 and " + MAX_COUNT + ", not " + pool.max()));
            } else if (pool.max() < listed) {
                out.add(new Violation(FieldPath.field(path, "max"), "max " + pool.max() + " is less than the " + listed
                        + " listed resources"));
            } else if (pool.min() != null && pool.min() > pool.max()) {
                out.add(new Violation(FieldPath.field(path, "min"), "min " + pool.min() + " is more than max " + pool.max()));
            } else if (pool.max() > listed && pool.template() == null) {
                out.add(new Violation(FieldPath.field(path, "max"), "max " + pool.max() + " is more than the " + listed
                        + " listed resources, but the pool has no template to provision more from"));
            }
        }
        if (pool.min() != null && pool.min() > listed && pool.template() == null) {
            out.add(new Violation(FieldPath.field(path, "min"), "min " + pool.min() + " is more than the " + listed
                    + " listed resources, but the pool has no template to provision more from"));
        }
        if (pool.idleTimeout() != null) {
            checkDuration(out, FieldPath.field(path, "idleTimeout"), pool.idleTimeout(), true);
        }
        if (pool.provisioningTime() != null) {
            checkDuration(out, FieldPath.field(path, "provisioningTime"), pool.provisioningTime(), true);
        }
        if (pool.template() != null) {
            String templatePath = FieldPath.field(path, "template");
            if (!SCALING_PROVIDERS.contains(pool.provider())) {
                out.add(new Violation(templatePath, "provider '" + pool.provider()
                        + "' cannot provision resources; a template needs one of: " + new java.util.TreeSet<>(SCALING_PROVIDERS)));
            }
            if (pool.max() == null) {
                out.add(new Violation(FieldPath.field(path, "max"), "is required with a template (the most resources the pool may hold)"));
            }
            checkLabels(out, templatePath, pool.template().labels());
            checkAttributes(out, templatePath, pool.template().attributes());
        }
    }

    /** An aws-ec2 pool has an aws section and only provisioned resources; other pools have no aws section. */
    private static void checkAws(List<Violation> out, String path, PoolSpec pool) {
        String awsPath = FieldPath.field(path, "aws");
        if (!AWS_EC2.equals(pool.provider())) {
            if (pool.aws() != null) {
                out.add(new Violation(awsPath, "only for provider aws-ec2, not '" + pool.provider() + "'"));
            }
            return;
        }
        if (pool.aws() == null) {
            out.add(new Violation(awsPath, "provider aws-ec2 needs an aws section (region, launchTemplate or autoScalingGroup)"));
        } else {
            io.runway.core.rollout.spec.AwsEc2SpecChecks.checkPool(out, awsPath, pool.aws());
        }
        if (!pool.resources().isEmpty()) {
            out.add(new Violation(FieldPath.field(path, "resources"), "an aws-ec2 pool's resources are EC2 instances it"
                    + " provisions from its template; it lists none"));
        }
        if (pool.template() == null) {
            out.add(new Violation(FieldPath.field(path, "template"), "is required for provider aws-ec2 (the labels and"
                    + " attributes of the instances it provisions), with max"));
        }
    }

    private static void checkLabels(List<Violation> out, String path, List<String> list) {
        Map<String, Integer> labels = new HashMap<>();
        for (int k = 0; k < list.size(); k++) {
            String labelPath = FieldPath.index(FieldPath.field(path, "labels"), k);
            String label = list.get(k);
            String problem = labelProblem(label);
            if (problem != null) {
                out.add(new Violation(labelPath, problem));
            } else if (labels.putIfAbsent(label, k) != null) {
                out.add(new Violation(labelPath, "duplicate label '" + label + "' (also labels[" + labels.get(label) + "])"));
            }
        }
    }

    private static void checkAttributes(List<Violation> out, String path, Map<String, Object> attributes) {
        attributes.forEach((key, value) -> {
            String attributePath = FieldPath.field(FieldPath.field(path, "attributes"), key);
            if (!SpecPatterns.ATTRIBUTE_KEY_PATTERN.matcher(key).matches()) {
                out.add(new Violation(attributePath, "attribute name '" + key
                        + "' must be 1 to 63 characters of A-Z, a-z, 0-9, '_', '.' and '-'"));
            }
            String valueProblem = attributeValueProblem(value);
            if (valueProblem != null) {
                out.add(new Violation(attributePath, valueProblem));
            } else if (COST_PER_HOUR.equals(key) && !(value instanceof Number n && n.doubleValue() >= 0)) {
                out.add(new Violation(attributePath, COST_PER_HOUR + " must be a number of at least 0 (what one resource costs per hour)"));
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

    /**
     * Null when {@code key: value} is an acceptable resource attribute (the rules of a pool spec's
     * {@code attributes}); otherwise what is wrong. Used for attributes a provider reports, too.
     */
    public static String attributeProblem(String key, Object value) {
        if (key == null || !SpecPatterns.ATTRIBUTE_KEY_PATTERN.matcher(key).matches()) {
            return "attribute name '" + key + "' must be 1 to 63 characters of A-Z, a-z, 0-9, '_', '.' and '-'";
        }
        return attributeValueProblem(value);
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
