package io.runway.aws.elb;

import io.runway.aws.client.AwsErrors;
import io.runway.core.error.InvalidInputException;
import io.runway.core.traffic.CohortRule;
import io.runway.core.traffic.RequestKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Experiment cohorts as listener rules: a request whose header equals a value is forwarded to the pinned
 * version's target group before the weighted default action applies. ALB matches header values
 * case-insensitively with {@code *} and {@code ?} wildcards, so a cohort value holding either is refused;
 * a cookie cohort becomes a match of the {@code Cookie} header against {@code *NAME=VALUE*} (which also
 * matches a longer cookie name ending in NAME, or a longer value starting with VALUE); regex cohorts
 * cannot be expressed and are refused.
 *
 * <p>New rules are created at fresh priorities before the old ones are deleted, so a cohort is never
 * without its rule while the set changes.
 */
final class ListenerRules {
    private final ElasticLoadBalancingV2Client elb;

    ListenerRules(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** One wanted rule: header name, the value pattern and the target group. */
    record Wanted(String header, String value, String targetGroupArn) {}

    static List<Wanted> wanted(List<CohortRule> cohorts, Function<String, String> groupOfVersion) {
        List<Wanted> out = new ArrayList<>();
        for (CohortRule c : cohorts) {
            if (c.regex() != null) {
                throw new InvalidInputException("experiments", "cohort on " + c.key() + " uses a regex; ALB listener"
                        + " rules match exact values only (use equals)");
            }
            if (c.equalTo().contains("*") || c.equalTo().contains("?") || c.equalTo().length() > 100) {
                throw new InvalidInputException("experiments", "cohort value '" + c.equalTo() + "' on " + c.key()
                        + " must be at most 100 characters without * or ? (ALB wildcards)");
            }
            boolean cookie = c.key().source() == RequestKey.Source.COOKIE;
            out.add(new Wanted(cookie ? "Cookie" : c.key().name(),
                    cookie ? "*" + c.key().name() + "=" + c.equalTo() + "*" : c.equalTo(), groupOfVersion.apply(c.version())));
        }
        return out;
    }

    void sync(String listenerArn, List<Wanted> wanted) {
        List<Rule> current = AwsErrors.call("DescribeRules", "listener " + listenerArn,
                () -> elb.describeRules(r -> r.listenerArn(listenerArn)).rules()).stream()
                .filter(r -> !Boolean.TRUE.equals(r.isDefault())).toList();
        if (current.stream().map(ListenerRules::asWanted).toList().equals(wanted)) {
            return;
        }
        boolean low = current.stream().allMatch(r -> Integer.parseInt(r.priority()) >= 1000);
        int priority = low ? 1 : 1000;
        for (Wanted w : wanted) {
            int p = priority++;
            AwsErrors.run("CreateRule", "listener " + listenerArn, () -> elb.createRule(r -> r.listenerArn(listenerArn)
                    .priority(p)
                    .conditions(RuleCondition.builder().field("http-header").httpHeaderConfig(
                            h -> h.httpHeaderName(w.header()).values(w.value())).build())
                    .actions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(w.targetGroupArn()).build())));
        }
        for (Rule r : current) {
            AwsErrors.run("DeleteRule", "rule " + r.ruleArn(), () -> elb.deleteRule(d -> d.ruleArn(r.ruleArn())));
        }
    }

    private static Wanted asWanted(Rule r) {
        RuleCondition c = r.conditions().isEmpty() ? null : r.conditions().get(0);
        String header = c == null || c.httpHeaderConfig() == null ? null : c.httpHeaderConfig().httpHeaderName();
        String value = c == null || c.httpHeaderConfig() == null || c.httpHeaderConfig().values().isEmpty() ? null
                : c.httpHeaderConfig().values().get(0);
        String group = r.actions().isEmpty() ? null : r.actions().get(0).targetGroupArn();
        return new Wanted(header, value, group);
    }
}
