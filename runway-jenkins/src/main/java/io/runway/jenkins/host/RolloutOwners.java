package io.runway.jenkins.host;

import io.runway.core.rollout.spec.FingerprintSpec;
import io.runway.core.rollout.spec.RolloutSpec;
import java.util.List;

/**
 * A rollout's owner is the {@code deployedBy} of its fingerprint: a build that starts a rollout records
 * itself there (unless the spec names someone), so the deployment's record says which build made it and
 * the build's end can find what to tear down.
 */
public final class RolloutOwners {
    private RolloutOwners() {}

    public static String ownerOf(RolloutSpec spec) {
        return spec.fingerprint() == null ? null : spec.fingerprint().deployedBy();
    }

    /** {@code spec} with {@code owner} as its {@code deployedBy} when the spec names no one. */
    public static RolloutSpec ownedBy(RolloutSpec spec, String owner) {
        FingerprintSpec f = spec.fingerprint();
        if (f != null && f.deployedBy() != null) {
            return spec;
        }
        FingerprintSpec withOwner = f == null ? new FingerprintSpec(owner, null, List.of(), null, null)
                : new FingerprintSpec(owner, f.role(), f.permissions(), f.commit(), f.artifact());
        return spec.withFingerprint(withOwner);
    }
}
