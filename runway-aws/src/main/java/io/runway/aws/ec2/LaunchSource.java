package io.runway.aws.ec2;

import io.runway.aws.client.AwsErrors;
import io.runway.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;

/** The launch template and subnets instances of a pool are launched from, resolved once per pool. */
record LaunchSource(LaunchTemplateSpecification template, List<String> subnets) {

    static LaunchSource resolve(Ec2PoolOptions options, AutoScalingClient autoScaling) {
        if (options.launchTemplate() != null) {
            return new LaunchSource(spec(options.launchTemplate(), options.launchTemplateVersion()), options.subnets());
        }
        String group = options.autoScalingGroup();
        List<AutoScalingGroup> groups = AwsErrors.call("DescribeAutoScalingGroups", "group " + group,
                () -> autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups());
        if (groups.isEmpty()) {
            throw new InvalidInputException("autoScalingGroup", "no Auto Scaling group named '" + group + "'");
        }
        AutoScalingGroup g = groups.get(0);
        software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification t = g.launchTemplate();
        if (t == null && g.mixedInstancesPolicy() != null && g.mixedInstancesPolicy().launchTemplate() != null) {
            t = g.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        if (t == null) {
            throw new InvalidInputException("autoScalingGroup", "group '" + group
                    + "' has no launch template (launch configurations are not supported)");
        }
        String version = t.version() != null ? t.version() : options.launchTemplateVersion();
        LaunchTemplateSpecification spec = t.launchTemplateId() != null
                ? LaunchTemplateSpecification.builder().launchTemplateId(t.launchTemplateId()).version(version).build()
                : LaunchTemplateSpecification.builder().launchTemplateName(t.launchTemplateName()).version(version).build();
        List<String> subnets = !options.subnets().isEmpty() ? options.subnets()
                : g.vpcZoneIdentifier() == null || g.vpcZoneIdentifier().isBlank() ? List.of()
                : Arrays.stream(g.vpcZoneIdentifier().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new LaunchSource(spec, subnets);
    }

    private static LaunchTemplateSpecification spec(String template, String version) {
        LaunchTemplateSpecification.Builder b = LaunchTemplateSpecification.builder().version(version);
        return template.matches("lt-[0-9a-f]+") ? b.launchTemplateId(template).build() : b.launchTemplateName(template).build();
    }

    String describe() {
        return "launch template " + (template.launchTemplateId() != null ? template.launchTemplateId()
                : template.launchTemplateName()) + " version " + template.version();
    }
}
