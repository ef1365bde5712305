package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolsConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code provider: aws-ec2} pools: the aws section is read strictly and checked with FILE:LINE:COL problems. */
class AwsEc2PoolConfigTest {
    private static SpecResult<PoolsConfig> read(String yaml) {
        return SpecKind.POOLS.reader().read("pools.yaml", yaml);
    }

    @Test
    void aValidAwsPoolIsReadWithItsDefaults() {
        SpecResult<PoolsConfig> r = read("""
                pools:
                  - name: ci-ec2
                    provider: aws-ec2
                    max: 10
                    template: {labels: [linux, ec2]}
                    aws:
                      region: eu-west-1
                      launchTemplate: lt-0123456789abcdef0
                      subnets: [subnet-0123456789abcdef0]
                """);
        assertThat(r.problems()).isEmpty();
        var aws = r.value().pools().get(0).aws();
        assertThat(aws.launchTemplateVersion()).isEqualTo("$Default");
        assertThat(aws.maxTerminatePercent()).isEqualTo(new BigDecimal(50));
        assertThat(aws.instanceTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(aws.spot()).isFalse();
    }

    @Test
    void badAwsPoolsAreRefusedNamingFileLineColumnAndField() {
        SpecResult<PoolsConfig> r = read("""
                pools:
                  - name: ci-ec2
                    provider: aws-ec2
                    resources: [{name: box-1}]
                    max: 10
                    aws:
                      region: Europe
                      launchTemplate: web
                      autoScalingGroup: web-asg
                      subnets: [sn-1]
                      endpoint: localhost:5000
                      maxTerminatePercent: 0
                      instanceTtl: 10s
                  - name: static-one
                    resources: [{name: r1}]
                    aws: {region: eu-west-1, launchTemplate: web}
                  - name: no-aws
                    provider: aws-ec2
                    max: 2
                    template: {labels: [linux]}
                """);
        assertThat(r.isValid()).isFalse();
        assertThat(r.problems().stream().map(Problem::toString).toList()).containsExactlyInAnyOrderElementsOf(List.of(
                "pools.yaml:7:15: pools[0].aws.region: must be an AWS region such as eu-west-1, not 'Europe'",
                "pools.yaml:11:17: pools[0].aws.endpoint: must be an http(s) URL without a path, e.g. http://127.0.0.1:5000, not 'localhost:5000'",
                "pools.yaml:7:7: pools[0].aws: exactly one of launchTemplate and autoScalingGroup is required",
                "pools.yaml:10:17: pools[0].aws.subnets[0]: must be a subnet id (subnet-...), not 'sn-1'",
                "pools.yaml:12:28: pools[0].aws.maxTerminatePercent: must be more than 0 and at most 100, was 0",
                "pools.yaml:13:20: pools[0].aws.instanceTtl: must be between 1m and 24h, was PT10S",
                "pools.yaml:4:16: pools[0].resources: an aws-ec2 pool's resources are EC2 instances it provisions from its template; it lists none",
                "pools.yaml:2:5: pools[0].template: is required for provider aws-ec2 (the labels and attributes of the instances it provisions), with max",
                "pools.yaml:5:10: pools[0].max: max 10 is more than the 1 listed resources, but the pool has no template to provision more from",
                "pools.yaml:16:10: pools[1].aws: only for provider aws-ec2, not 'static'",
                "pools.yaml:17:5: pools[2].aws: provider aws-ec2 needs an aws section (region, launchTemplate or autoScalingGroup)"));
    }

    @Test
    void anUnknownAwsFieldIsRefused() {
        SpecResult<PoolsConfig> r = read("""
                pools:
                  - name: ci-ec2
                    provider: aws-ec2
                    max: 2
                    template: {labels: [linux]}
                    aws: {region: eu-west-1, launchTemplate: web, vpc: vpc-0123456789abcdef0}
                """);
        assertThat(r.problems().stream().map(Problem::toString).toList()).singleElement().asString()
                .startsWith("pools.yaml:6:51: pools[0].aws.vpc: unknown field 'vpc'");
    }
}
