package io.runway.core.lease;

import static io.runway.core.lease.EngineFixture.await;
import static io.runway.core.lease.EngineFixture.pool;
import static io.runway.core.lease.EngineFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts on the embedded store: what was acknowledged is back, what expired meanwhile is reaped. */
class LeaseEngineRecoveryTest {
    @TempDir
    Path dir;

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void tearDown() {
        fx.close();
        fx.store.close();
    }

    private LeaseEngine restart(PoolSpec... pools) {
        if (!fx.engines.isEmpty()) {
            fx.engines.remove(fx.engines.size() - 1).close();
            fx.store.close();
        }
        fx.store = EmbeddedStateStore.open(dir);
        return fx.start(pools);
    }

    @Test
    void activeLeasesSurviveARestartWithTheirOriginalExpiryAndToken() {
        LeaseEngine engine = restart(pool("web", 3));
        Grant kept = await(engine.acquire(request("alice", "web", 2)));
        Grant released = await(engine.acquire(request("bob", "web", 1)));
        await(engine.release(released.lease().id(), released.token()));

        engine = restart(pool("web", 3));
        Lease back = engine.lease(kept.lease().id()).orElseThrow();
        assertThat(back.state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(back.expiresAt()).isEqualTo(kept.lease().expiresAt());
        assertThat(back.fencingToken()).isEqualTo(kept.lease().fencingToken());
        assertThat(back.resourceIds()).isEqualTo(kept.lease().resourceIds());
        assertThat(engine.lease(released.lease().id())).get().extracting(Lease::state).isEqualTo(LeaseState.RELEASED);
        // The token still works after the restart, and fencing tokens keep growing.
        assertThat(await(engine.renew(kept.lease().id(), kept.token(), Duration.ofMinutes(5))).state())
                .isEqualTo(LeaseState.ACTIVE);
        Grant next = await(engine.acquire(request("carol", "web", 1)));
        assertThat(next.lease().fencingToken()).isGreaterThan(released.lease().fencingToken());
        assertThat(engine.events(kept.lease().id())).extracting(e -> e.type())
                .containsExactly("lease.granted", "lease.renewed");
    }

    @Test
    void leasesThatExpiredWhileDownAreReapedAtStart() {
        LeaseEngine engine = restart(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        fx.engines.remove(0).close();
        fx.store.close();
        fx.clock.advance(Duration.ofMinutes(11));

        fx.store = EmbeddedStateStore.open(dir);
        engine = fx.start(pool("web", 1));
        assertThat(engine.lease(g.lease().id())).get().extracting(Lease::state).isEqualTo(LeaseState.EXPIRED);
        assertThat(engine.resources()).extracting(ResourceView::state).containsOnly(ResourceState.FREE);
    }

    @Test
    void aResourceRemovedFromConfigurationRetiresOnceItsLeaseEnds() {
        LeaseEngine engine = restart(pool("web", 2));
        Grant g = await(engine.acquire(request("alice", "web", 2)));

        engine = restart(pool("web", 1));
        assertThat(engine.resources()).extracting(ResourceView::id, ResourceView::state)
                .contains(org.assertj.core.groups.Tuple.tuple("web-2", ResourceState.LEASED));
        await(engine.release(g.lease().id(), g.token()));
        assertThat(engine.resources()).extracting(ResourceView::id, ResourceView::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web-1", ResourceState.FREE),
                org.assertj.core.groups.Tuple.tuple("web-2", ResourceState.RETIRED));

        engine = restart(pool("web", 2));
        assertThat(engine.resources()).extracting(ResourceView::state).containsOnly(ResourceState.FREE);
        assertThat(await(engine.acquire(request("bob", "web", 2))).lease().resources()).hasSize(2);
    }

    @Test
    void aResourceMovedToAnotherPoolKeepsItsHistory() {
        LeaseEngine engine = restart(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        await(engine.release(g.lease().id(), g.token()));
        PoolSpec renamed = new PoolSpec("api", "static", pool("web", 1).resources(), null, null);
        engine = restart(renamed);
        assertThat(engine.resources()).extracting(ResourceView::pool).containsExactly("api");
        Grant again = await(engine.acquire(request("bob", "api", 1)));
        assertThat(again.lease().fencingToken()).isGreaterThan(g.lease().fencingToken());
    }

    @Test
    void startsFromAnEmptyDirectoryWithEveryResourceFree() {
        LeaseEngine engine = restart(new PoolsConfig(List.of(pool("a", 2), pool("b", 3)), null).pools().toArray(PoolSpec[]::new));
        assertThat(engine.resources()).hasSize(5).allMatch(r -> r.state() == ResourceState.FREE);
        assertThat(engine.leases()).isEmpty();
    }
}
