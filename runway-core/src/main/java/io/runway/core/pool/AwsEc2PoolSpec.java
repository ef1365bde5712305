package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Where a {@code provider: aws-ec2} pool gets its resources: one EC2 instance per provisioned resource,
 * launched from a launch template (or an Auto Scaling group's template) and tagged with the pool and the
 * resource id. Plain data: the AWS module reads it; core only validates its shape (no AWS SDK types here).
 * The pool's {@code max} is the instance cap.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwsEc2PoolSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("AWS region, e.g. eu-west-1.")
        String region,
        @JsonPropertyDescription("Named profile of the shared AWS config files; absent: the default credentials chain.")
        String profile,
        @JsonPropertyDescription("IAM role to assume through STS on top of the base credentials.")
        String roleArn,
        @JsonPropertyDescription("One endpoint URL for every AWS service (an emulator); absent: the real AWS endpoints.")
        String endpoint,
        @JsonPropertyDescription("Launch template name or id (lt-...) instances are launched from; or give autoScalingGroup.")
        String launchTemplate,
        @JsonPropertyDescription("Launch template version: a number, $Default (default) or $Latest.")
        String launchTemplateVersion,
        @JsonPropertyDescription("Auto Scaling group whose launch template and subnets are used (the group itself is not resized).")
        String autoScalingGroup,
        @JsonPropertyDescription("Subnet ids to launch into, spread round-robin; absent: the template's (or group's) own.")
        List<String> subnets,
        @JsonPropertyDescription("Launch Spot instances, falling back to on-demand when Spot has no capacity. Default false.")
        Boolean spot,
        @JsonPropertyDescription("Safety rail: most of the pool's live instances one termination call (or sweep) may end, percent. Default 50.")
        BigDecimal maxTerminatePercent,
        @JsonPropertyDescription("How far ahead the runway:expires-at tag reaches; refreshed (and orphans swept) every third of it. Default 10m.")
        Duration instanceTtl) {

    public AwsEc2PoolSpec {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        launchTemplateVersion = launchTemplateVersion == null ? "$Default" : launchTemplateVersion;
        spot = spot != null && spot;
        maxTerminatePercent = maxTerminatePercent == null ? new BigDecimal(50) : maxTerminatePercent;
        instanceTtl = instanceTtl == null ? Duration.ofMinutes(10) : instanceTtl;
    }
}
