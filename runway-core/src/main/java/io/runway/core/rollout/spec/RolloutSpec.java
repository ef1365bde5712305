package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/**
 * A progressive rollout: deliver {@code version} of {@code service} beside {@code baseline} by a canary
 * or blue-green strategy, gated on health, rolled back automatically, and torn down afterwards.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Service name: [a-z0-9-]{1,63}.")
        String service,
        @JsonProperty(required = true)
        @JsonPropertyDescription("The new version to deliver: [A-Za-z0-9._-]{1,63}.")
        String version,
        @JsonProperty(required = true)
        @JsonPropertyDescription("The version serving now, compared against the new one.")
        String baseline,
        @JsonPropertyDescription("Where versions run: local (default) or aws-ec2 (then the aws section is required).")
        String provider,
        @JsonProperty(required = true)
        @JsonPropertyDescription("How to start a version and tell it is ready.")
        DeploySpec deploy,
        @JsonProperty(required = true)
        @JsonPropertyDescription("canary (steps) or blueGreen; exactly one.")
        StrategySpec strategy,
        @JsonPropertyDescription("Keeps a user on one version while weights change: a header or cookie holding a user key.")
        StickinessSpec stickiness,
        @JsonPropertyDescription("How health is judged during the rollout.")
        AnalysisSpec analysis,
        @JsonPropertyDescription("What to do when a gate ends INCONCLUSIVE (not enough data): pause (default) or rollback.")
        String onInconclusive,
        @JsonPropertyDescription("How long the old version keeps running after a promotion, for a fast rollback. A rolled-back new version is stopped at once. Default 30s.")
        Duration scaleDownDelay,
        @JsonPropertyDescription("After runway itself was stopped mid-rollout: resume (default) from the last stored step, or rollback.")
        String onRestart,
        @JsonPropertyDescription("Who deploys what, recorded with the deployment.")
        FingerprintSpec fingerprint,
        @JsonPropertyDescription("provider aws-ec2: launch template, load balancer, region and credentials.")
        AwsEc2Spec aws) {

    public RolloutSpec {
        provider = provider == null ? "local" : provider;
        analysis = analysis == null ? AnalysisSpec.DEFAULT : analysis;
        onInconclusive = onInconclusive == null ? "pause" : onInconclusive;
        scaleDownDelay = scaleDownDelay == null ? Duration.ofSeconds(30) : scaleDownDelay;
        onRestart = onRestart == null ? "resume" : onRestart;
    }

    /** This spec with another fingerprint section (hosts fill in who deploys when the spec names no one). */
    public RolloutSpec withFingerprint(FingerprintSpec newFingerprint) {
        return new RolloutSpec(service, version, baseline, provider, deploy, strategy, stickiness, analysis,
                onInconclusive, scaleDownDelay, onRestart, newFingerprint, aws);
    }
}
