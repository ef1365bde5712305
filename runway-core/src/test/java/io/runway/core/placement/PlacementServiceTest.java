package io.runway.core.placement;

import static io.runway.core.placement.PlacementFixture.await;
import static io.runway.core.placement.PlacementFixture.listed;
import static io.runway.core.placement.PlacementFixture.scaling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.ConflictException;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.pool.CapacitySpec;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceTemplate;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementServiceTest {
    private static final Duration TTL = Duration.ofMinutes(30);
    private static final Map<String, Object> SLOT = Map.of("cpu", 4, "costPerHour", 0.5);

    @TempDir
    Path dir;

    private PlacementFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    private static PlacementRequest task(String... constraints) {
        return PlacementRequest.of("ci", null, List.of(constraints), TTL);
    }

    private Grant placed(PlacementRequest r) {
        return await(fx.service.place(r).grant());
    }

    private static String resourceOf(Grant g) {
        return g.lease().resourceIds().get(0);
    }

    private List<ResourceView> live() {
        return fx.engine.resources().stream().filter(r -> r.state() != ResourceState.RETIRED).toList();
    }

    @Test
    void filtersByConstraintsAndCostLimit() {
        fx = new PlacementFixture(dir, 10).start(
                listed("small", 2, Map.of("cpu", 2, "costPerHour", 0.1)),
                listed("big", 2, Map.of("cpu", 16, "costPerHour", 3, "ssd", true)));

        assertThat(resourceOf(placed(task("cpu >= 8")))).startsWith("big-");
        assertThat(resourceOf(placed(task("ssd")))).startsWith("big-");
        assertThat(resourceOf(placed(task().withCostLimit(1.0)))).startsWith("small-");
        Placement none = fx.service.place(task("cpu >= 8").withCostLimit(1.0));
        await(fx.service.reconcile());
        assertThat(none.state()).isEqualTo(PlacementState.BLOCKED);
        assertThat(none.reason()).isEqualTo("no resource costs at most 1/h (cost limit 1/h for 1); no pool can provision resources");
    }

    @Test
    void binPackFillsTheBusiestPoolSpreadTheEmptiestCheapestTheCheapest() {
        fx = new PlacementFixture(dir, 10).start(
                listed("a", 4, Map.of("costPerHour", 1.0)),
                listed("b", 4, Map.of("costPerHour", 0.5)));
        await(fx.engine.acquire(new LeaseRequest("x", "a", null, 1, TTL, Duration.ZERO, 0)));

        assertThat(resourceOf(placed(task()))).startsWith("a-");
        assertThat(resourceOf(placed(task().withScoring(Scoring.SPREAD)))).startsWith("b-");
        assertThat(resourceOf(placed(task().withScoring(Scoring.CHEAPEST)))).startsWith("b-");
    }

    @Test
    void binPackReusesTheMostRecentlyFreedResourceSpreadRotates() {
        fx = new PlacementFixture(dir, 10).start(listed("a", 3, Map.of()));
        for (int i = 0; i < 3; i++) { // every resource has been used once
            Grant g = placed(task());
            await(fx.engine.release(g.lease().id(), g.token()));
        }
        Grant first = placed(task());
        await(fx.engine.release(first.lease().id(), first.token()));
        assertThat(resourceOf(placed(task()))).isEqualTo(resourceOf(first)); // hot set stays hot

        fx.close();
        fx = new PlacementFixture(dir, 10).start(listed("a", 3, Map.of()));
        Grant s1 = placed(task().withScoring(Scoring.SPREAD));
        await(fx.engine.release(s1.lease().id(), s1.token()));
        Grant s2 = placed(task().withScoring(Scoring.SPREAD));
        assertThat(resourceOf(s2)).isNotEqualTo(resourceOf(s1)); // longest free first
    }

    @Test
    void provisionsExactlyTheUnmetDemandAndPlacesOnTheNewSlots() {
        fx = new PlacementFixture(dir.resolve("slots"), 10).start(scaling("web", 0, 10, Duration.ofMinutes(10), SLOT));

        List<Placement> placements = List.of(fx.service.place(task().withCount(2)), fx.service.place(task()),
                fx.service.place(task("cpu >= 4")));
        for (Placement p : placements) {
            await(p.grant());
            assertThat(p.state()).isEqualTo(PlacementState.PLACED);
        }
        await(fx.service.reconcile());

        assertThat(live()).hasSize(4).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(ResourceState.LEASED);
            // The template's attributes, and the directory the local provider reported for the slot.
            Map<String, Object> expected = new java.util.HashMap<>(SLOT);
            expected.put(LocalSlotProvider.WORK_DIR, fx.local.workingDirectory(r.id()).toString());
            assertThat(r.attributes()).isEqualTo(expected);
            assertThat(r.labels()).containsExactly("linux");
        });
        assertThat(fx.local.slotCount()).isEqualTo(4);
        assertThat(Files.isDirectory(fx.local.workingDirectory(live().get(0).id()))).isTrue();
    }

    @Test
    void blockedAtThePoolMaxWithAReasonThenWakesWhenCapacityFrees() {
        fx = new PlacementFixture(dir, 10).start(scaling("web", 0, 2, Duration.ofMinutes(10), SLOT));
        Grant a = placed(task());
        Grant b = placed(task());
        Placement c = fx.service.place(task());
        await(fx.service.reconcile());

        assertThat(c.state()).isEqualTo(PlacementState.BLOCKED);
        assertThat(c.reason()).isEqualTo("all 2 matching resource(s) are taken; pool web max 2 reached (holds 2, 1 more needed)");
        assertThat(live()).hasSize(2);

        await(fx.engine.release(a.lease().id(), a.token()));
        Grant woken = await(c.grant());
        assertThat(resourceOf(woken)).isEqualTo(resourceOf(a));
        assertThat(c.state()).isEqualTo(PlacementState.PLACED);
        assertThat(b.lease().fencingToken()).isLessThan(woken.lease().fencingToken());
    }

    @Test
    void aPoolIsNotGrownForAnOwnerPastItsQuotaThere() {
        PoolSpec web = new PoolSpec("web", "local", null, null, new QuotaSpec(1)).withScaling(0, 10,
                Duration.ofMinutes(10), Duration.ofSeconds(30), new ResourceTemplate(List.of("linux"), SLOT));
        fx = new PlacementFixture(dir, 10).start(web);
        Grant first = placed(task());
        Placement second = fx.service.place(task());
        await(fx.service.reconcile());
        await(fx.service.reconcile());

        // The engine would never give "ci" a second resource in web: provisioning one would only leave it idle.
        assertThat(live()).hasSize(1);
        assertThat(fx.service.lastPlan().provisions()).isEmpty();
        assertThat(second.state()).isEqualTo(PlacementState.BLOCKED);
        assertThat(second.reason()).contains("pool web quota.perOwner 1 reached for owner 'ci' (holds or is given 1, 1 more needed)");

        Grant other = placed(PlacementRequest.of("nightly", null, List.of(), TTL)); // another owner still gets capacity
        assertThat(resourceOf(other)).isNotEqualTo(resourceOf(first));
        assertThat(live()).hasSize(2);

        await(fx.engine.release(first.lease().id(), first.token()));
        assertThat(resourceOf(await(second.grant()))).isEqualTo(resourceOf(first));
    }

    @Test
    void theOverallCapHoldsAcrossPools() {
        PoolsConfig config = new PoolsConfig(List.of(scaling("web", 0, 5, Duration.ofMinutes(10), SLOT),
                scaling("batch", 0, 5, Duration.ofMinutes(10), SLOT)), null, new CapacitySpec(3));
        fx = new PlacementFixture(dir, 10).start(config);
        Placement big = fx.service.place(task().withCount(4));
        await(fx.service.reconcile());
        assertThat(big.state()).isEqualTo(PlacementState.BLOCKED);
        assertThat(big.reason()).endsWith("overall max 3 reached (all pools hold 0, 4 more needed)");
        // The blocked request reserves what it could use (FIFO with reservation); a higher priority goes first.
        placed(task().withCount(3).withPriority(1));
        assertThat(live()).hasSize(3);
        // The engine refuses past a cap even when asked directly (a safety rail behind the decider).
        assertThatThrownBy(() -> await(fx.engine.provision("web", 1, "test")))
                .hasCauseInstanceOf(io.runway.core.error.QuotaExceededException.class)
                .hasMessageContaining("overall max 3 reached");
    }

    @Test
    void aDeadlineThatPassesFailsThePlacement() {
        fx = new PlacementFixture(dir, 10).start(listed("a", 1, Map.of()));
        placed(task());
        Placement late = fx.service.place(task().withDeadline(fx.clock.instant().plus(Duration.ofMinutes(5)), Duration.ZERO));
        await(fx.engine.tick()); // the request is queued (commands are decided in order) before time moves
        fx.clock.advance(Duration.ofMinutes(6));
        await(fx.engine.tick());
        assertThatThrownBy(() -> await(late.grant())).isInstanceOf(CompletionException.class);
        assertThat(late.state()).isEqualTo(PlacementState.FAILED);
        assertThat(late.reason()).startsWith("deadline 2026-01-01T00:05:00Z passed before it was placed");
    }

    @Test
    void scalesDownIdleSlotsAfterTheTimeoutButNeverBelowMinNorALeasedOne() {
        fx = new PlacementFixture(dir, 10).start(scaling("web", 1, 10, Duration.ofMinutes(10), SLOT));
        Grant a = placed(task());
        Grant b = placed(task());
        Grant c = placed(task());
        await(fx.engine.release(a.lease().id(), a.token()));
        await(fx.engine.release(b.lease().id(), b.token()));
        await(fx.engine.tick()); // their cleanups (asked for before the release replies) are done: FREE since now
        fx.clock.advance(Duration.ofMinutes(9));
        assertThat(await(fx.service.reconcile()).deprovisions()).isEmpty();

        fx.clock.advance(Duration.ofMinutes(1));
        ScalingPlan plan = await(fx.service.reconcile());

        // 3 live, min 1: both idle slots go; the leased one stays and keeps the pool at its min.
        assertThat(plan.deprovisions()).extracting(ScalingPlan.Deprovision::resourceId)
                .containsExactlyInAnyOrder(resourceOf(a), resourceOf(b));
        await(fx.engine.tick());
        assertThat(live()).extracting(ResourceView::id).containsExactly(resourceOf(c));
        assertThat(fx.local.slotCount()).isEqualTo(1);

        // c is leased: retiring it is refused whatever asks.
        assertThatThrownBy(() -> await(fx.engine.retire(resourceOf(c), "test"))).hasCauseInstanceOf(ConflictException.class);
        await(fx.engine.release(c.lease().id(), c.token()));
        fx.clock.advance(Duration.ofHours(1));
        assertThat(await(fx.service.reconcile()).deprovisions()).isEmpty(); // min 1
        assertThat(live()).hasSize(1);
    }

    @Test
    void fillsAPoolToItsMinAtTheFirstRound() {
        fx = new PlacementFixture(dir, 10).start(scaling("web", 2, 10, Duration.ofMinutes(10), SLOT));
        assertThat(await(fx.service.reconcile()).provisionCount()).isEqualTo(2);
        await(fx.engine.tick());
        assertThat(live()).extracting(ResourceView::state).containsExactly(ResourceState.FREE, ResourceState.FREE);
    }

    @Test
    void badInputFailsThePlacementNamingTheField() {
        fx = new PlacementFixture(dir, 10).start(listed("a", 1, Map.of()));
        Placement p = fx.service.place(task().withCount(0));
        assertThatThrownBy(() -> await(p.grant())).hasMessageContaining("count must be between 1 and");
        assertThat(p.state()).isEqualTo(PlacementState.FAILED);
        assertThatThrownBy(() -> task().withCostLimit(-1.0)).hasMessage("costLimitPerHour must be a finite number of at least 0, was -1.0");
    }

    @Test
    void aPlacementLargerThanAllThatCanEverMatchFailsInsteadOfHoldingBackThoseBehindIt() {
        fx = new PlacementFixture(dir, 10).start(scaling("web", 0, 3, Duration.ofMinutes(10), SLOT));
        for (Grant g : List.of(placed(task()), placed(task()), placed(task()))) {
            await(fx.engine.release(g.lease().id(), g.token()));
        }
        Placement big = fx.service.place(task().withCount(4));
        Placement small = fx.service.place(task());

        await(small.grant()); // not held back by the reservation of the big one
        await(fx.service.reconcile());
        assertThat(big.state()).isEqualTo(PlacementState.FAILED);
        assertThat(big.reason()).isEqualTo("can never be placed: at most 3 matching resource(s) can exist, 4 needed; "
                + "only 3 resource(s) match, 4 needed; pool web max 3 reached (holds 3, 1 more needed)");
        assertThatThrownBy(() -> await(big.grant())).hasCauseInstanceOf(io.runway.core.error.NotGrantedException.class);
        assertThat(fx.engine.lease(big.id())).isEmpty(); // cancelled, not granted
    }
}
