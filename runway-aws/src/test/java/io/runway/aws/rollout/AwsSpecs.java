package io.runway.aws.rollout;

import io.runway.aws.moto.MotoFixture;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;

/** Rollout specs on the emulated account (also used by runway-cli's tests, through the test-jar). */
public final class AwsSpecs {
    private AwsSpecs() {}

    /** A canary of {@code steps}, two instances per version, at most six. */
    public static String yaml(MotoFixture aws, String steps, String extra) {
        return yaml(aws, steps, extra, 2, 6);
    }

    public static String yaml(MotoFixture aws, String steps, String extra, int instances, int maxInstances) {
        return """
                service: shop
                version: v2
                baseline: v1
                provider: aws-ec2
                deploy:
                  command: [/opt/shop/bin/shop, --port, "${port}", --version, "${version}"]
                  readiness: {path: /health, timeout: 60s, interval: 1s}
                strategy:
                  canary:
                    steps: %s
                analysis: {interval: 1s, judge: threshold, maxErrorRate: 1, minimumRequests: 20, noDataTimeout: 60s}
                scaleDownDelay: 1s
                aws:
                  region: us-east-1
                  endpoint: %s
                  launchTemplate: web
                  subnets: [%s, %s]
                  vpc: %s
                  loadBalancer: %s
                  listenerPort: 80
                  targetPort: 8080
                  instances: %d
                  maxInstances: %d
                  latencyStatistic: Average
                """.formatted(steps, aws.server.endpoint(), aws.subnetA, aws.subnetB, aws.vpcId, aws.loadBalancerArn,
                        instances, maxInstances)
                + extra;
    }

    static RolloutSpec read(String yaml) {
        return SpecKind.ROLLOUT.reader().read("aws-rollout.yaml", yaml).orThrow();
    }
}
