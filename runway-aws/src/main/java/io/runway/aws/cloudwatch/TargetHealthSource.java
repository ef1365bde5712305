package io.runway.aws.cloudwatch;

import io.runway.aws.client.AwsErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The load balancer's own health checks of a target group (DescribeTargetHealth). A version is ready
 * when every target is {@code healthy}, and has died under traffic when none is healthy or initial.
 */
public final class TargetHealthSource {
    private final ElasticLoadBalancingV2Client elb;

    public TargetHealthSource(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** Target id to state (healthy, initial, unhealthy, unused, draining, unavailable). */
    public record Summary(Map<String, String> states) {
        public Summary {
            states = Map.copyOf(states);
        }

        public long count(String state) {
            return states.values().stream().filter(state::equals).count();
        }

        public boolean allHealthy() {
            return !states.isEmpty() && count("healthy") == states.size();
        }

        /** Nothing serving and nothing about to: every target unhealthy, unused, draining or unavailable. */
        public boolean dead() {
            return count("healthy") == 0 && count("initial") == 0;
        }

        @Override
        public String toString() {
            Map<String, Long> byState = new LinkedHashMap<>();
            states.values().forEach(s -> byState.merge(s, 1L, Long::sum));
            return byState.isEmpty() ? "no targets" : byState.toString();
        }
    }

    public Summary read(String targetGroupArn) {
        Map<String, String> states = new LinkedHashMap<>();
        for (TargetHealthDescription d : AwsErrors.call("DescribeTargetHealth", "target group " + targetGroupArn,
                () -> elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions())) {
            states.put(d.target().id(), d.targetHealth() == null ? "unknown" : d.targetHealth().stateAsString());
        }
        return new Summary(states);
    }
}
