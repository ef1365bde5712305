package io.runway.jenkins.lease;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keepers running on this controller, by lease id. A body callback (persisted apart from its step
 * execution) finds the keeper to stop here; after a restart the execution registers a new one.
 */
public final class LeaseKeepers {
    private static final Map<String, LeaseKeeper> KEEPERS = new ConcurrentHashMap<>();

    private LeaseKeepers() {}

    public static void put(String leaseId, LeaseKeeper keeper) {
        LeaseKeeper old = KEEPERS.put(leaseId, keeper);
        if (old != null && old != keeper) {
            old.close();
        }
    }

    public static void stop(String leaseId) {
        LeaseKeeper k = KEEPERS.remove(leaseId);
        if (k != null) {
            k.close();
        }
    }

    public static boolean isKept(String leaseId) {
        return KEEPERS.containsKey(leaseId);
    }
}
