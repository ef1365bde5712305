package io.runway.aws.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.cloudwatch.AlbMetrics;
import io.runway.aws.moto.MotoFixture;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.traffic.Backend;
import io.runway.core.traffic.CohortRule;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.Stickiness;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** The ELBv2 router against moto: listener, weighted forward, stickiness, cohort rules, blue-green switch. */
class ElbTrafficRouterTest {
    MotoFixture aws;
    TargetGroups groups;
    ElbTrafficRouter router;
    String v1;
    String v2;

    static final Backend B1 = Backend.of("http://10.0.1.10:8080");
    static final Backend B2 = Backend.of("http://10.0.1.11:8080");

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
        groups = new TargetGroups(aws.clients, aws.vpcId, "ctl-a");
        v1 = groups.ensure("shop", "v1", 8080, "/health");
        v2 = groups.ensure("shop", "v2", 8080, "/health");
        router = new ElbTrafficRouter(aws.clients.elb(), aws.loadBalancerArn, groups,
                new AlbMetrics(aws.clients.cloudWatch(), "Average"),
                Map.of("shop", new ElbTrafficRouter.ListenerBinding(80, "shop"),
                        "shop-preview", new ElbTrafficRouter.ListenerBinding(8080, "shop")),
                Duration.ofMinutes(30), "ctl-a", Clock.systemUTC());
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private Listener listener(int port) {
        return aws.clients.elb().describeListeners(r -> r.loadBalancerArn(aws.loadBalancerArn)).listeners().stream()
                .filter(l -> l.port() == port).findFirst().orElseThrow();
    }

    @Test
    void createsTheListenerThenShiftsWeightsOnIt() {
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 100));
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v2, 10, v1, 989));
        String arn = listener(80).listenerArn();
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 2500));
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v2, 250, v1, 749));
        router.setRoute("shop", Route.single("v2", B2));
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v2, 999));
        assertThat(listener(80).listenerArn()).as("the same listener, modified").isEqualTo(arn);
    }

    @Test
    void stickinessIsTheTargetGroupStickinessOfTheForwardAction() {
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 500).withStickiness(Stickiness.header("X-User")));
        Action forward = listener(80).defaultActions().get(0);
        assertThat(forward.forwardConfig().targetGroupStickinessConfig().enabled()).isTrue();
        assertThat(forward.forwardConfig().targetGroupStickinessConfig().durationSeconds()).isEqualTo(1800);
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 500));
        assertThat(listener(80).defaultActions().get(0).forwardConfig().targetGroupStickinessConfig().enabled()).isFalse();
    }

    @Test
    void cohortsBecomeHeaderRulesThatAreReplacedWithoutAGap() {
        Route withCohorts = Route.canary("v1", B1, "v2", B2, 0).withExperiments(List.of(
                CohortRule.headerEquals("X-Canary", "yes", "v2"), CohortRule.cookieEquals("beta", "1", "v2")));
        router.setRoute("shop", withCohorts);
        List<Rule> rules = rules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).conditions().get(0).httpHeaderConfig().httpHeaderName()).isEqualTo("X-Canary");
        assertThat(rules.get(0).conditions().get(0).httpHeaderConfig().values()).containsExactly("yes");
        assertThat(rules.get(0).actions().get(0).targetGroupArn()).isEqualTo(v2);
        assertThat(rules.get(1).conditions().get(0).httpHeaderConfig().httpHeaderName()).isEqualTo("Cookie");
        assertThat(rules.get(1).conditions().get(0).httpHeaderConfig().values()).containsExactly("*beta=1*");
        List<String> before = rules.stream().map(Rule::ruleArn).toList();

        router.setRoute("shop", withCohorts.withWeights(Map.of("v2", 100, "v1", 9900)));
        assertThat(rules().stream().map(Rule::ruleArn).toList()).as("unchanged rules are left alone").isEqualTo(before);

        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 100)
                .withExperiments(List.of(CohortRule.headerEquals("X-Canary", "please", "v2"))));
        assertThat(rules()).hasSize(1).allSatisfy(r ->
                assertThat(r.conditions().get(0).httpHeaderConfig().values()).containsExactly("please"));
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 100));
        assertThat(rules()).isEmpty();
    }

    @Test
    void cohortsAnAlbCannotExpressAreRefusedBeforeAnythingChanges() {
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 100));
        assertThatThrownBy(() -> router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 500)
                .withExperiments(List.of(CohortRule.headerMatches("X-Canary", "y.*", "v2")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("regex");
        assertThatThrownBy(() -> router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 500)
                .withExperiments(List.of(CohortRule.headerEquals("X-Canary", "y*", "v2")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("wildcards");
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v2, 10, v1, 989));
    }

    @Test
    void aMirrorIsRefusedBeforeAnythingChangesSinceAnAlbCannotCopyRequests() {
        router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 100));
        assertThat(router.mirrors()).isFalse();
        assertThatThrownBy(() -> router.setRoute("shop", Route.canary("v1", B1, "v2", B2, 500)
                .withMirror(new Mirror("v2", 1_000))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot mirror traffic");
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v2, 10, v1, 989));
    }

    @Test
    void blueGreenSwitchesThePreviewAndThenTheMainForwardAction() {
        router.setRoute("shop", Route.single("v1", B1));
        router.setRoute("shop-preview", Route.single("v2", B2));
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v1, 999));
        assertThat(router.listenerWeights("shop-preview")).isEqualTo(Map.of(v2, 999));
        router.setRoute("shop", Route.single("v2", B2));
        assertThat(router.listenerWeights("shop")).isEqualTo(Map.of(v2, 999));
        router.deleteListeners();
        assertThat(aws.clients.elb().describeListeners(r -> r.loadBalancerArn(aws.loadBalancerArn)).listeners()).isEmpty();
    }

    @Test
    void unknownServicesAndVersionsAreClearErrors() {
        assertThatThrownBy(() -> router.setRoute("cart", Route.single("v1", B1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cart");
        assertThatThrownBy(() -> router.setRoute("shop", Route.single("v7", B1)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("shop v7");
        assertThatThrownBy(() -> router.snapshot("shop")).isInstanceOf(NotFoundException.class);
    }

    private List<Rule> rules() {
        return aws.clients.elb().describeRules(r -> r.listenerArn(listener(80).listenerArn())).rules().stream()
                .filter(r -> !r.isDefault()).sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.priority())))
                .toList();
    }
}
