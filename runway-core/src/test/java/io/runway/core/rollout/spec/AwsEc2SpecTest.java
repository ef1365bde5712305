package io.runway.core.rollout.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code provider: aws-ec2} form of a rollout spec: defaults, and a problem per bad field. */
class AwsEc2SpecTest {
    static final String HEAD = """
            service: shop
            version: v2
            baseline: v1
            provider: aws-ec2
            deploy:
              command: [/opt/shop/bin/shop, --port, "${port}"]
            strategy:
              canary:
                steps: [{setWeight: 1}]
            """;

    private static SpecResult<RolloutSpec> read(String aws) {
        return SpecKind.ROLLOUT.reader().read("aws.yaml", HEAD + aws);
    }

    private static List<String> problems(String aws) {
        return read(aws).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsTheAwsSectionWithItsDefaults() {
        SpecResult<RolloutSpec> r = read("""
                aws:
                  region: eu-west-1
                  launchTemplate: shop-web
                  vpc: vpc-0a1b2c3d4e5f60718
                  loadBalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188
                """);
        assertThat(r.problems()).isEmpty();
        AwsEc2Spec aws = r.value().aws();
        assertThat(aws.launchTemplateVersion()).isEqualTo("$Default");
        assertThat(aws.listenerPort()).isEqualTo(80);
        assertThat(aws.previewListenerPort()).isEqualTo(8080);
        assertThat(aws.targetPort()).isEqualTo(8080);
        assertThat(aws.instances()).isEqualTo(1);
        assertThat(aws.maxInstances()).isEqualTo(20);
        assertThat(aws.spot()).isFalse();
        assertThat(aws.maxTerminatePercent()).isEqualByComparingTo(new BigDecimal(50));
        assertThat(aws.stickinessDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(aws.latencyStatistic()).isEqualTo("p99");
        assertThat(aws.instanceTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void mirroredTrafficIsRefusedSinceAnAlbCannotCopyRequests() {
        assertThat(problems("""
                analysis: {mirror: 5}
                aws:
                  region: eu-west-1
                  launchTemplate: shop-web
                  vpc: vpc-0a1b2c3d4e5f60718
                  loadBalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188
                """)).containsExactly("aws.yaml:10:20: analysis.mirror: provider aws-ec2 routes with an Application"
                + " Load Balancer, which cannot mirror traffic");
    }

    @Test
    void everyBadFieldIsNamedWithItsPosition() {
        assertThat(problems("""
                aws:
                  region: Ireland
                  launchTemplate: shop-web
                  autoScalingGroup: shop-asg
                  subnets: [subnet-12, subnet-0a1b2c3d]
                  vpc: vpc-0a1b2c3d
                  loadBalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/shop/50dc
                  listenerPort: 70000
                  instances: 30
                  maxInstances: 40
                  maxTerminatePercent: 0
                  latencyStatistic: p42
                """)).containsExactlyInAnyOrder(
                "aws.yaml:11:11: aws.region: must be an AWS region such as eu-west-1, not 'Ireland'",
                "aws.yaml:11:3: aws: exactly one of launchTemplate and autoScalingGroup is required",
                "aws.yaml:14:13: aws.subnets[0]: must be a subnet id (subnet-...), not 'subnet-12'",
                "aws.yaml:16:17: aws.loadBalancer: must be an application load balancer ARN"
                        + " (arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID), not"
                        + " 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadb...'",
                "aws.yaml:17:17: aws.listenerPort: must be between 1 and 65535, was 70000",
                "aws.yaml:19:17: aws.maxInstances: must allow both versions at once: at least 2 x instances = 60",
                "aws.yaml:20:24: aws.maxTerminatePercent: must be more than 0 and at most 100, was 0",
                "aws.yaml:21:21: aws.latencyStatistic: expected one of p50, p90, p95, p99, Average, Maximum, not 'p42'");
    }

    @Test
    void theProviderAndTheSectionGoTogether() {
        assertThat(problems("")).containsExactly(
                "aws.yaml:1:1: aws: provider aws-ec2 needs an aws section (region, vpc, loadBalancer, launchTemplate)");
        SpecResult<RolloutSpec> local = SpecKind.ROLLOUT.reader().read("local.yaml",
                HEAD.replace("provider: aws-ec2", "provider: local") + "aws: {region: eu-west-1}\n");
        assertThat(local.problems().stream().map(Problem::toString))
                .anyMatch(p -> p.contains("aws: only for provider aws-ec2"));
        assertThat(SpecKind.ROLLOUT.reader().read("x.yaml", HEAD.replace("aws-ec2", "gcp")).problems()
                .stream().map(Problem::toString)).anyMatch(p -> p.contains("expected: local or aws-ec2"));
    }

    @Test
    void unknownFieldsInTheSectionAreRefused() {
        assertThat(problems("""
                aws:
                  region: eu-west-1
                  launchTemplate: shop-web
                  vpc: vpc-0a1b2c3d
                  loadBalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc
                  instanceType: t3.micro
                """)).singleElement().asString().contains("aws.instanceType");
    }
}
