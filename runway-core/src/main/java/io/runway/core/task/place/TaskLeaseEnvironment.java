package io.runway.core.task.place;

import io.runway.core.lease.Lease;
import io.runway.core.resource.ResourceView;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables a placed task's command sees on top of the task's own (docs/tasks.md):
 * {@code RUNWAY_LEASE_ID}, {@code RUNWAY_FENCING_TOKEN} (pass it to systems the task writes to, so a stale
 * holder is refused), {@code RUNWAY_RESOURCES} (resource ids, comma separated), and per resource
 * {@code RUNWAY_RESOURCE_<i>} (its id), {@code RUNWAY_RESOURCE_<i>_POOL} and
 * {@code RUNWAY_RESOURCE_<i>_<attribute>} (characters other than letters, digits and {@code _} written
 * as {@code _}), plus {@code RUNWAY_WORKDIR} when the command runs in a slot directory. The names match
 * the Jenkins lease step's. The lease token is never exported: a child must not end the lease behind
 * the scheduler's back.
 */
public final class TaskLeaseEnvironment {
    public static final String LEASE_ID = "RUNWAY_LEASE_ID";
    public static final String FENCING_TOKEN = "RUNWAY_FENCING_TOKEN";
    public static final String RESOURCES = "RUNWAY_RESOURCES";
    public static final String RESOURCE = "RUNWAY_RESOURCE_";
    public static final String WORKDIR = "RUNWAY_WORKDIR";

    private TaskLeaseEnvironment() {}

    public static Map<String, String> of(Lease lease, Path workingDirectory) {
        Map<String, String> env = new TreeMap<>();
        env.put(LEASE_ID, lease.id());
        env.put(FENCING_TOKEN, Long.toString(lease.fencingToken()));
        env.put(RESOURCES, String.join(",", lease.resourceIds()));
        for (int i = 0; i < lease.resources().size(); i++) {
            ResourceView r = lease.resources().get(i);
            env.put(RESOURCE + i, r.id());
            env.put(RESOURCE + i + "_POOL", r.pool());
            for (Map.Entry<String, Object> a : r.attributes().entrySet()) {
                env.put(RESOURCE + i + "_" + a.getKey().replaceAll("[^A-Za-z0-9_]", "_"), String.valueOf(a.getValue()));
            }
        }
        if (workingDirectory != null) {
            env.put(WORKDIR, workingDirectory.toString());
        }
        return env;
    }
}
