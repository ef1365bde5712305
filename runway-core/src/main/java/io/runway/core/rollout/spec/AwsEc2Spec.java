package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Where a {@code provider: aws-ec2} rollout runs: instances launched per version from a launch template
 * (or an Auto Scaling group's template), one ELBv2 target group per version behind a listener of an
 * existing application load balancer, health from CloudWatch and target health. Plain data: the AWS
 * module reads it; core only validates its shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwsEc2Spec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("AWS region, e.g. eu-west-1.")
        String region,
        @JsonPropertyDescription("Named profile of the shared AWS config files; absent: the default credentials chain.")
        String profile,
        @JsonPropertyDescription("IAM role to assume through STS on top of the base credentials.")
        String roleArn,
        @JsonPropertyDescription("One endpoint URL for every AWS service (an emulator); absent: the real AWS endpoints.")
        String endpoint,
        @JsonPropertyDescription("Launch template name or id (lt-...) versions are launched from; or give autoScalingGroup.")
        String launchTemplate,
        @JsonPropertyDescription("Launch template version: a number, $Default (default) or $Latest.")
        String launchTemplateVersion,
        @JsonPropertyDescription("Auto Scaling group whose launch template and subnets are used (the group itself is not resized).")
        String autoScalingGroup,
        @JsonPropertyDescription("Subnet ids to launch into, spread round-robin; absent: the template's (or group's) own.")
        List<String> subnets,
        @JsonProperty(required = true)
        @JsonPropertyDescription("VPC id of the target groups.")
        String vpc,
        @JsonProperty(required = true)
        @JsonPropertyDescription("ARN of the application load balancer that carries the service's traffic.")
        String loadBalancer,
        @JsonPropertyDescription("Port of the main listener runway creates on the load balancer. Default 80.")
        Integer listenerPort,
        @JsonPropertyDescription("Port of the preview listener for blue-green. Default 8080.")
        Integer previewListenerPort,
        @JsonPropertyDescription("Port the instances serve on, ${port} in deploy.command. Default 8080.")
        Integer targetPort,
        @JsonPropertyDescription("Instances per version. Default 1.")
        Integer instances,
        @JsonPropertyDescription("Most instances the pool (this service) may have at once, all versions together. Default 20.")
        Integer maxInstances,
        @JsonPropertyDescription("Launch Spot instances, falling back to on-demand when Spot has no capacity. Default false.")
        Boolean spot,
        @JsonPropertyDescription("Safety rail: most instances of the pool terminated at once, percent. Default 50.")
        BigDecimal maxTerminatePercent,
        @JsonPropertyDescription("How long the load balancer keeps a client on one version (ALB cookie). Default 1h.")
        Duration stickinessDuration,
        @JsonPropertyDescription("CloudWatch statistic of TargetResponseTime judged as p99 latency. Default p99.")
        String latencyStatistic,
        @JsonPropertyDescription("How far ahead the runway:expires-at tag reaches; refreshed every third of it. Default 10m.")
        Duration instanceTtl) {

    public AwsEc2Spec {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        launchTemplateVersion = launchTemplateVersion == null ? "$Default" : launchTemplateVersion;
        listenerPort = listenerPort == null ? 80 : listenerPort;
        previewListenerPort = previewListenerPort == null ? 8080 : previewListenerPort;
        targetPort = targetPort == null ? 8080 : targetPort;
        instances = instances == null ? 1 : instances;
        maxInstances = maxInstances == null ? 20 : maxInstances;
        spot = spot != null && spot;
        maxTerminatePercent = maxTerminatePercent == null ? new BigDecimal(50) : maxTerminatePercent;
        stickinessDuration = stickinessDuration == null ? Duration.ofHours(1) : stickinessDuration;
        latencyStatistic = latencyStatistic == null ? "p99" : latencyStatistic;
        instanceTtl = instanceTtl == null ? Duration.ofMinutes(10) : instanceTtl;
    }
}
