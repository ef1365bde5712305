package io.runway.jenkins.ui;

import hudson.model.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * What one build leased and deployed, shown on the build's "Runway" page and kept in {@code build.xml}:
 * leases (resources, fencing token) and rollouts (service, version, result, the deployment's fingerprint).
 */
public class RunwayBuildAction implements Action {
    private final List<LeaseEntry> leases = new ArrayList<>();
    private final List<RolloutEntry> rollouts = new ArrayList<>();

    /** One lease the build held. */
    public record LeaseEntry(String id, List<String> resources, long fencingToken, String grantedAt) {}

    /**
     * One rollout the build ran.
     *
     * @param result the final phase, or null while it runs
     * @param fingerprint who deployed what: service, version, deployedBy, commit, artifact and its digest
     */
    public record RolloutEntry(String id, String service, String version, String result, String reason,
                               String fingerprint) {}

    public synchronized void addLease(LeaseEntry e) {
        leases.removeIf(l -> l.id().equals(e.id()));
        leases.add(e);
    }

    public synchronized void putRollout(RolloutEntry e) {
        rollouts.removeIf(r -> r.id().equals(e.id()));
        rollouts.add(e);
    }

    public synchronized List<LeaseEntry> getLeases() {
        return List.copyOf(leases);
    }

    public synchronized List<RolloutEntry> getRollouts() {
        return List.copyOf(rollouts);
    }

    @Override
    public String getIconFileName() {
        return "symbol-rocket-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Runway";
    }

    @Override
    public String getUrlName() {
        return "runway";
    }
}
