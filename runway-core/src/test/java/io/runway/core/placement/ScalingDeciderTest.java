package io.runway.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.label.LabelExpression;
import io.runway.core.lease.ResourceStatus;
import io.runway.core.placement.ScalingDecider.Demand;
import io.runway.core.pool.CapacitySpec;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.ResourceTemplate;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScalingDeciderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Map<String, Object> WEB_SHAPE = Map.of("cpu", 4, "costPerHour", 0.5);

    private final List<PoolSpec> pools = new ArrayList<>();
    private final List<ResourceStatus> resources = new ArrayList<>();
    private final List<Demand> demands = new ArrayList<>();
    private CapacitySpec caps = CapacitySpec.none();

    private static PoolSpec scaling(String name, int min, int max, Map<String, Object> attributes) {
        return new PoolSpec(name, "local", null, null, null).withScaling(min, max, Duration.ofMinutes(10),
                Duration.ofMinutes(2), new ResourceTemplate(List.of("linux"), attributes));
    }

    private void resource(String id, String pool, ResourceState state, Instant since, boolean provisioned,
                          Map<String, Object> attributes) {
        resources.add(new ResourceStatus(new ResourceView(id, pool, state, List.of("linux"), attributes,
                state == ResourceState.LEASED ? "l-1" : null), since, provisioned));
    }

    private void demand(String id, PlacementRequest r) {
        demands.add(new Demand(id, r));
    }

    private static PlacementRequest task(int count, String... constraints) {
        return PlacementRequest.of("ci", "linux", List.of(constraints), Duration.ofMinutes(30)).withCount(count);
    }

    private ScalingPlan decide() {
        Set<String> provisionable = Set.copyOf(pools.stream().filter(p -> p.template() != null).map(PoolSpec::name).toList());
        return ScalingDecider.decide(new ScalingDecider.Input(NOW, pools, provisionable, caps, resources, demands,
                Map.of())); // no owner holds anything in a pool with a quota
    }

    @Test
    void provisionsExactlyDemandMinusIdleAndProvisioning() {
        pools.add(scaling("web", 0, 20, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.LEASED, NOW, true, WEB_SHAPE);
        resource("web-s2", "web", ResourceState.FREE, NOW, true, WEB_SHAPE); // promised to an earlier waiter
        resource("web-s3", "web", ResourceState.PROVISIONING, NOW, true, WEB_SHAPE);
        demand("a", task(2));
        demand("b", task(3));
        demand("c", task(1));

        ScalingPlan plan = decide();

        // demand 6 − (idle 1 + provisioning 1) = 4: a is covered by what exists, b and c get new resources.
        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("web", 4, "3 for b; 1 for c"));
        assertThat(plan.requests().get("a")).isEqualTo(new ScalingPlan.RequestVerdict(false,
                "waiting for matching resources that are being provisioned or promised to it"));
        assertThat(plan.requests().get("b")).isEqualTo(new ScalingPlan.RequestVerdict(false, "provisioning 3 resource(s) in pool web"));
        assertThat(plan.deprovisions()).isEmpty();
    }

    @Test
    void honoursThePoolMaxAllOrNothingPerRequest() {
        pools.add(scaling("web", 0, 3, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.LEASED, NOW, true, WEB_SHAPE);
        demand("a", task(2));
        demand("b", task(1));

        ScalingPlan plan = decide();

        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("web", 2, "2 for a"));
        assertThat(plan.requests().get("b").blocked()).isTrue();
        assertThat(plan.requests().get("b").reason())
                .isEqualTo("all 1 matching resource(s) are taken; pool web max 3 reached (holds 3, 1 more needed)");
    }

    @Test
    void growsAPoolForAnOwnerOnlyWithinItsPerOwnerQuota() {
        pools.add(new PoolSpec("web", "local", null, null, new io.runway.core.pool.QuotaSpec(3)).withScaling(0, 20,
                Duration.ofMinutes(10), Duration.ofMinutes(2), new ResourceTemplate(List.of("linux"), WEB_SHAPE)));
        resource("web-s1", "web", ResourceState.LEASED, NOW, true, WEB_SHAPE);
        resource("web-s2", "web", ResourceState.LEASED, NOW, true, WEB_SHAPE);
        demand("a", task(1));
        demand("b", task(1));
        demand("c", PlacementRequest.of("nightly", "linux", List.of(), Duration.ofMinutes(30)).withCount(2));

        ScalingPlan plan = ScalingDecider.decide(new ScalingDecider.Input(NOW, pools, Set.of("web"), caps, resources,
                demands, Map.of("web", Map.of("ci", 2))));

        // "ci" holds 2 of its 3: one more for a, none for b; "nightly" holds nothing there.
        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("web", 3, "1 for a; 2 for c"));
        assertThat(plan.requests().get("b")).isEqualTo(new ScalingPlan.RequestVerdict(true,
                "all 2 matching resource(s) are taken; pool web quota.perOwner 3 reached for owner 'ci' (holds or is given 3, 1 more needed)"));
    }

    @Test
    void honoursTheOverallCap() {
        caps = new CapacitySpec(4);
        pools.add(scaling("web", 0, 10, WEB_SHAPE));
        pools.add(scaling("batch", 0, 10, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.LEASED, NOW, true, WEB_SHAPE);
        resource("batch-s1", "batch", ResourceState.LEASED, NOW, true, WEB_SHAPE);
        demand("a", task(2));
        demand("b", task(1));

        ScalingPlan plan = decide();

        assertThat(plan.provisionCount()).isEqualTo(2);
        assertThat(plan.requests().get("b").reason()).isEqualTo(
                "all 2 matching resource(s) are taken; overall max 4 reached (all pools hold 4, 1 more needed)");
    }

    @Test
    void picksTheCheapestPoolWithinTheCostLimitAndRefusesPoolsOverIt() {
        pools.add(scaling("big", 0, 10, Map.of("cpu", 16, "costPerHour", 2.0)));
        pools.add(scaling("small", 0, 10, Map.of("cpu", 4, "costPerHour", 0.25)));
        demand("cheap", task(2).withCostLimit(1.0));
        demand("large", task(1, "cpu >= 8").withCostLimit(1.5));

        ScalingPlan plan = decide();

        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("small", 2, "2 for cheap"));
        assertThat(plan.requests().get("large")).isEqualTo(new ScalingPlan.RequestVerdict(true,
                "no resources in any pool; pool big costs 2/h per resource, over the cost limit of 1.5/h for 1; "
                        + "pool small's template does not satisfy cpu >= 8"));
    }

    @Test
    void doesNotProvisionWhatCannotBeReadyBeforeTheDeadline() {
        pools.add(scaling("web", 0, 10, WEB_SHAPE)); // provisioningTime 2m
        demand("late", task(1).withDeadline(NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(9)));
        demand("fits", task(1).withDeadline(NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(8)));

        ScalingPlan plan = decide();

        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("web", 1, "1 for fits"));
        assertThat(plan.requests().get("late").reason()).isEqualTo("no resources in any pool; pool web needs 120s to provision; "
                + "with the estimated 540s the task would end after its deadline 2026-01-01T12:10:00Z");
    }

    @Test
    void blockedReasonNamesTheConstraintNothingMatchesAndTheCap() {
        pools.add(scaling("web", 0, 1, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.FREE, NOW, true, WEB_SHAPE);
        demand("a", task(1, "cpu >= 64"));

        ScalingPlan plan = decide();

        assertThat(plan.requests().get("a")).isEqualTo(new ScalingPlan.RequestVerdict(true,
                "no resource matches cpu >= 64; pool web's template does not satisfy cpu >= 64"));
        assertThat(plan.provisions()).isEmpty();
    }

    @Test
    void blockedReasonForLabelsAndForAPoolThatCannotScale() {
        pools.add(new PoolSpec("static", "static", null, null, null));
        resource("h1", "static", ResourceState.LEASED, NOW, false, Map.of());
        PlacementRequest gpu = new PlacementRequest("ci", null, LabelExpression.parse("gpu", "capability"), List.of(), 1, 0,
                null, null, null, Duration.ofMinutes(5), null);
        demand("a", gpu);
        demand("b", task(1));

        ScalingPlan plan = decide();

        assertThat(plan.requests().get("a").reason()).isEqualTo("no resource matches 'gpu'; no pool can provision resources");
        assertThat(plan.requests().get("b").reason()).isEqualTo("all 1 matching resource(s) are taken; no pool can provision resources");
    }

    @Test
    void plainLeaseRequestsConsumeWhatExistsButAreNotProvisionedFor() {
        pools.add(scaling("web", 0, 10, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.FREE, NOW, true, WEB_SHAPE);
        demands.add(new Demand("lease", task(2), false));
        demand("task", task(1));

        ScalingPlan plan = decide();

        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("web", 1, "1 for task"));
        assertThat(plan.requests()).containsOnlyKeys("task");
    }

    @Test
    void fillsPoolsUpToMin() {
        pools.add(scaling("web", 3, 10, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.FREE, NOW, true, WEB_SHAPE);
        caps = new CapacitySpec(2);

        assertThat(decide().provisions()).containsExactly(new ScalingPlan.Provision("web", 1, "1 to reach min 3"));
    }

    @Test
    void scalesDownIdleProvisionedResourcesPastTheTimeoutButNeverBelowMinOrLeasedOrListed() {
        pools.add(scaling("web", 2, 10, WEB_SHAPE)); // idle timeout 10m
        resource("web-s1", "web", ResourceState.FREE, NOW.minus(Duration.ofMinutes(30)), true, WEB_SHAPE);
        resource("web-s2", "web", ResourceState.FREE, NOW.minus(Duration.ofMinutes(20)), true, WEB_SHAPE);
        resource("web-s3", "web", ResourceState.FREE, NOW.minus(Duration.ofMinutes(10)), true, WEB_SHAPE);
        resource("web-s4", "web", ResourceState.FREE, NOW.minus(Duration.ofMinutes(9)), true, WEB_SHAPE);
        resource("web-s5", "web", ResourceState.LEASED, NOW.minus(Duration.ofHours(5)), true, WEB_SHAPE);
        resource("web-1", "web", ResourceState.FREE, NOW.minus(Duration.ofHours(5)), false, WEB_SHAPE);

        ScalingPlan plan = decide();

        // 6 live, min 2: up to 4 could go, but only s1..s3 are provisioned, FREE and idle ≥ 10m; oldest first.
        assertThat(plan.deprovisions()).extracting(ScalingPlan.Deprovision::resourceId)
                .containsExactly("web-s1", "web-s2", "web-s3");
        assertThat(plan.deprovisions().get(0).reason())
                .isEqualTo("idle since 2026-01-01T11:30:00Z, past idle timeout 600s; pool web keeps min 2");

        pools.set(0, scaling("web", 5, 10, WEB_SHAPE));
        assertThat(decide().deprovisions()).extracting(ScalingPlan.Deprovision::resourceId).containsExactly("web-s1");
    }

    @Test
    void keepsIdleResourcesOfAPoolWithDemand() {
        pools.add(scaling("web", 0, 10, WEB_SHAPE));
        resource("web-s1", "web", ResourceState.FREE, NOW.minus(Duration.ofHours(1)), true, WEB_SHAPE);
        demand("a", task(2));

        ScalingPlan plan = decide();

        assertThat(plan.deprovisions()).isEmpty();
        assertThat(plan.provisions()).containsExactly(new ScalingPlan.Provision("web", 1, "1 for a"));
    }

    @Test
    void aRequestLargerThanAllThatCanEverMatchIsNeverPlacedButOneNothingMatchesWaits() {
        pools.add(scaling("web", 0, 3, WEB_SHAPE));
        caps = new CapacitySpec(2);
        resource("web-s1", "web", ResourceState.FREE, NOW, true, WEB_SHAPE);
        demand("four", task(4));
        demand("gpu", task(1, "gpu == a100"));

        ScalingPlan plan = decide();

        // 1 exists; the pool could add 2 more (max 3), but the overall cap (2) only 1.
        assertThat(plan.requests().get("four")).isEqualTo(new ScalingPlan.RequestVerdict(true, true,
                "can never be placed: at most 2 matching resource(s) can exist, 4 needed; "
                        + "only 1 resource(s) match, 4 needed; pool web max 3 reached (holds 1, 3 more needed)"));
        assertThat(plan.requests().get("gpu")).isEqualTo(new ScalingPlan.RequestVerdict(true, false,
                "no resource matches gpu == a100; pool web's template does not satisfy gpu == a100"));
    }
}
