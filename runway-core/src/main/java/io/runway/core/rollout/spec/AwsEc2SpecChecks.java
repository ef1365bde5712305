package io.runway.core.rollout.spec;

import io.runway.core.pool.AwsEc2PoolSpec;
import io.runway.core.spec.FieldPath;
import io.runway.core.spec.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shape checks of the {@code aws} section of a rollout or of a pool ({@code provider: aws-ec2}); AWS itself
 * checks the rest.
 */
public final class AwsEc2SpecChecks {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern PROFILE = Pattern.compile("[\\w.+@-]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern TEMPLATE_ID = Pattern.compile("lt-[0-9a-f]{8,17}");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-zA-Z0-9()./_-]{3,128}");
    private static final Pattern TEMPLATE_VERSION = Pattern.compile("\\$Default|\\$Latest|[1-9]\\d{0,9}");
    private static final Pattern GROUP = Pattern.compile("[^\\p{Cntrl}]{1,255}");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern LOAD_BALANCER = Pattern.compile(
            "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}");
    private static final Pattern ENDPOINT = Pattern.compile("https?://[^\\s/?#]+/?");
    private static final Set<String> STATISTICS = Set.of("p50", "p90", "p95", "p99", "Average", "Maximum");

    private AwsEc2SpecChecks() {}

    static void check(List<Violation> out, AwsEc2Spec aws) {
        match(out, "aws.region", aws.region(), REGION, "an AWS region such as eu-west-1", true);
        match(out, "aws.profile", aws.profile(), PROFILE, "a profile name of letters, digits and ._+@-", false);
        match(out, "aws.roleArn", aws.roleArn(), ROLE_ARN, "an IAM role ARN such as arn:aws:iam::123456789012:role/runway", false);
        match(out, "aws.endpoint", aws.endpoint(), ENDPOINT, "an http(s) URL without a path, e.g. http://127.0.0.1:5000", false);
        if ((aws.launchTemplate() == null) == (aws.autoScalingGroup() == null)) {
            out.add(new Violation("aws", "exactly one of launchTemplate and autoScalingGroup is required"));
        }
        if (aws.launchTemplate() != null && !TEMPLATE_ID.matcher(aws.launchTemplate()).matches()
                && !TEMPLATE_NAME.matcher(aws.launchTemplate()).matches()) {
            out.add(new Violation("aws.launchTemplate", "a launch template id (lt-...) or name (3-128 of a-z A-Z 0-9 ( ) . / _ -)"));
        }
        match(out, "aws.launchTemplateVersion", aws.launchTemplateVersion(), TEMPLATE_VERSION,
                "a version number, $Default or $Latest", false);
        match(out, "aws.autoScalingGroup", aws.autoScalingGroup(), GROUP, "an Auto Scaling group name", false);
        for (int i = 0; i < aws.subnets().size(); i++) {
            match(out, FieldPath.index("aws.subnets", i), aws.subnets().get(i), SUBNET, "a subnet id (subnet-...)", true);
        }
        match(out, "aws.vpc", aws.vpc(), VPC, "a VPC id (vpc-...)", true);
        match(out, "aws.loadBalancer", aws.loadBalancer(), LOAD_BALANCER,
                "an application load balancer ARN (arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID)", true);
        port(out, "aws.listenerPort", aws.listenerPort());
        port(out, "aws.previewListenerPort", aws.previewListenerPort());
        port(out, "aws.targetPort", aws.targetPort());
        if (aws.listenerPort().equals(aws.previewListenerPort())) {
            out.add(new Violation("aws.previewListenerPort", "must differ from listenerPort " + aws.listenerPort()));
        }
        range(out, "aws.instances", aws.instances(), 1, 50);
        range(out, "aws.maxInstances", aws.maxInstances(), 1, 1000);
        if (aws.instances() * 2 > aws.maxInstances()) {
            out.add(new Violation("aws.maxInstances", "must allow both versions at once: at least 2 x instances = "
                    + aws.instances() * 2));
        }
        BigDecimal share = aws.maxTerminatePercent();
        if (share.signum() <= 0 || share.compareTo(BigDecimal.valueOf(100)) > 0) {
            out.add(new Violation("aws.maxTerminatePercent", "must be more than 0 and at most 100, was " + share.toPlainString()));
        }
        // ALB stickiness duration: 1 second to 7 days.
        between(out, "aws.stickinessDuration", aws.stickinessDuration(), Duration.ofSeconds(1), Duration.ofDays(7));
        between(out, "aws.instanceTtl", aws.instanceTtl(), Duration.ofMinutes(1), Duration.ofDays(1));
        if (!STATISTICS.contains(aws.latencyStatistic())) {
            out.add(new Violation("aws.latencyStatistic", "expected one of p50, p90, p95, p99, Average, Maximum, not '"
                    + aws.latencyStatistic() + "'"));
        }
    }

    /** The {@code aws} section of a pool at {@code path} (e.g. {@code pools[0].aws}). */
    public static void checkPool(List<Violation> out, String path, AwsEc2PoolSpec aws) {
        match(out, FieldPath.field(path, "region"), aws.region(), REGION, "an AWS region such as eu-west-1", true);
        match(out, FieldPath.field(path, "profile"), aws.profile(), PROFILE, "a profile name of letters, digits and ._+@-", false);
        match(out, FieldPath.field(path, "roleArn"), aws.roleArn(), ROLE_ARN,
                "an IAM role ARN such as arn:aws:iam::123456789012:role/runway", false);
        match(out, FieldPath.field(path, "endpoint"), aws.endpoint(), ENDPOINT,
                "an http(s) URL without a path, e.g. http://127.0.0.1:5000", false);
        if ((aws.launchTemplate() == null) == (aws.autoScalingGroup() == null)) {
            out.add(new Violation(path, "exactly one of launchTemplate and autoScalingGroup is required"));
        }
        if (aws.launchTemplate() != null && !TEMPLATE_ID.matcher(aws.launchTemplate()).matches()
                && !TEMPLATE_NAME.matcher(aws.launchTemplate()).matches()) {
            out.add(new Violation(FieldPath.field(path, "launchTemplate"),
                    "a launch template id (lt-...) or name (3-128 of a-z A-Z 0-9 ( ) . / _ -)"));
        }
        match(out, FieldPath.field(path, "launchTemplateVersion"), aws.launchTemplateVersion(), TEMPLATE_VERSION,
                "a version number, $Default or $Latest", false);
        match(out, FieldPath.field(path, "autoScalingGroup"), aws.autoScalingGroup(), GROUP, "an Auto Scaling group name", false);
        for (int i = 0; i < aws.subnets().size(); i++) {
            match(out, FieldPath.index(FieldPath.field(path, "subnets"), i), aws.subnets().get(i), SUBNET,
                    "a subnet id (subnet-...)", true);
        }
        BigDecimal share = aws.maxTerminatePercent();
        if (share.signum() <= 0 || share.compareTo(BigDecimal.valueOf(100)) > 0) {
            out.add(new Violation(FieldPath.field(path, "maxTerminatePercent"),
                    "must be more than 0 and at most 100, was " + share.toPlainString()));
        }
        between(out, FieldPath.field(path, "instanceTtl"), aws.instanceTtl(), Duration.ofMinutes(1), Duration.ofDays(1));
    }

    private static void match(List<Violation> out, String path, String value, Pattern pattern, String rule, boolean required) {
        if (value == null) {
            if (required) {
                out.add(new Violation(path, "is required: " + rule));
            }
        } else if (!pattern.matcher(value).matches()) {
            out.add(new Violation(path, "must be " + rule + ", not '" + abbreviate(value) + "'"));
        }
    }

    private static void port(List<Violation> out, String path, int port) {
        range(out, path, port, 1, 65_535);
    }

    private static void range(List<Violation> out, String path, int value, int low, int high) {
        if (value < low || value > high) {
            out.add(new Violation(path, "must be between " + low + " and " + high + ", was " + value));
        }
    }

    private static void between(List<Violation> out, String path, Duration d, Duration low, Duration high) {
        if (d.compareTo(low) < 0 || d.compareTo(high) > 0) {
            out.add(new Violation(path, "must be between " + low.toString().substring(2).toLowerCase()
                    + " and " + high.toString().substring(2).toLowerCase() + ", was " + d));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
