package io.runway.jenkins.lease;

import io.runway.core.lease.Lease;
import io.runway.core.resource.ResourceView;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables a lease body sees. Always: {@code RUNWAY_LEASE_ID}, {@code RUNWAY_FENCING_TOKEN}
 * and {@code RUNWAY_RESOURCES} (resource ids, comma separated). With {@code variable: 'X'} also {@code X}
 * (same as RUNWAY_RESOURCES), {@code X_0}, {@code X_1}, ... (each resource id) and {@code X_0_<attribute>}
 * for each attribute of each resource (attribute names with characters other than letters, digits and
 * {@code _} written as {@code _}). The lease token is never exported: a child process must not be able to
 * end the lease behind the build's back.
 */
public final class LeaseEnvironment {
    public static final String LEASE_ID = "RUNWAY_LEASE_ID";
    public static final String FENCING_TOKEN = "RUNWAY_FENCING_TOKEN";
    public static final String RESOURCES = "RUNWAY_RESOURCES";

    private LeaseEnvironment() {}

    public static TreeMap<String, String> of(Lease lease, String variable) {
        TreeMap<String, String> env = new TreeMap<>();
        String ids = String.join(",", lease.resourceIds());
        env.put(LEASE_ID, lease.id());
        env.put(FENCING_TOKEN, Long.toString(lease.fencingToken()));
        env.put(RESOURCES, ids);
        if (variable != null && !variable.isBlank()) {
            env.put(variable, ids);
            for (int i = 0; i < lease.resources().size(); i++) {
                ResourceView r = lease.resources().get(i);
                env.put(variable + "_" + i, r.id());
                for (Map.Entry<String, Object> a : r.attributes().entrySet()) {
                    env.put(variable + "_" + i + "_" + sanitize(a.getKey()), String.valueOf(a.getValue()));
                }
            }
        }
        return env;
    }

    static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Whether {@code name} can be a variable name: what {@code lease(variable:)} accepts. */
    public static boolean isValidVariable(String name) {
        return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*") && !name.startsWith("RUNWAY_");
    }
}
