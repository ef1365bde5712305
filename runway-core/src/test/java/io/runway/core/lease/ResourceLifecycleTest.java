package io.runway.core.lease;

import static io.runway.core.lease.EngineFixture.await;
import static io.runway.core.lease.EngineFixture.pool;
import static io.runway.core.lease.EngineFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolSpec;
import io.runway.core.provider.Provider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LEASED → DIRTY (cooldown) → CLEANING (provider) → FREE, driven through the engine on a mutable clock. */
class ResourceLifecycleTest {
    private final EngineFixture fx = new EngineFixture();
    private final ScriptedCleaner cleaner = new ScriptedCleaner();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static PoolSpec withCooldown(PoolSpec p, String provider, Duration cooldown) {
        return new PoolSpec(p.name(), provider, p.resources(), cooldown, p.quota());
    }

    private ResourceState stateOf(LeaseEngine engine, String id) {
        return engine.resources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().state();
    }

    @Test
    void cooldownKeepsAReleasedResourceDirtyForItsDuration() {
        LeaseEngine engine = fx.start(withCooldown(pool("lic", 1), "static", Duration.ofSeconds(30)));
        Grant g = await(engine.acquire(request("alice", "lic", 1)));
        await(engine.release(g.lease().id(), g.token()));
        assertThat(stateOf(engine, "lic-1")).isEqualTo(ResourceState.DIRTY);
        CompletableFuture<Grant> waiter = engine.acquire(request("bob", "lic", 1).withWait(Duration.ofMinutes(1)));

        fx.clock.advance(Duration.ofSeconds(29));
        await(engine.tick());
        assertThat(stateOf(engine, "lic-1")).isEqualTo(ResourceState.DIRTY);
        assertThat(waiter).isNotDone();

        fx.clock.advance(Duration.ofSeconds(1));
        await(engine.tick());
        assertThat(await(waiter).lease().resourceIds()).containsExactly("lic-1");
    }

    @Test
    void aCleaningProviderCleansBeforeTheResourceIsFreeAgain() {
        fx.providers.put("scripted", cleaner);
        LeaseEngine engine = fx.start(withCooldown(pool("env", 1), "scripted", Duration.ZERO));
        Grant g = await(engine.acquire(request("alice", "env", 1)));
        await(engine.release(g.lease().id(), g.token()));
        assertThat(stateOf(engine, "env-1")).isEqualTo(ResourceState.CLEANING);
        assertThat(cleaner.calls).hasSize(1);

        cleaner.calls.get(0).complete(null);
        await(engine.tick());
        assertThat(stateOf(engine, "env-1")).isEqualTo(ResourceState.FREE);
        assertThat(engine.events(g.lease().id())).extracting(AuditEvent::type)
                .containsExactly("lease.granted", "lease.released", "resource.state");
    }

    @Test
    void aFailedCleanupIsRetriedWithBackoff() {
        fx.providers.put("scripted", cleaner);
        LeaseEngine engine = fx.start(withCooldown(pool("env", 1), "scripted", Duration.ZERO));
        Grant g = await(engine.acquire(request("alice", "env", 1)));
        await(engine.release(g.lease().id(), g.token()));
        cleaner.calls.get(0).completeExceptionally(new IllegalStateException("disk busy"));
        await(engine.tick());
        assertThat(stateOf(engine, "env-1")).isEqualTo(ResourceState.CLEANING);
        assertThat(engine.events(g.lease().id())).extracting(AuditEvent::reason)
                .anyMatch(r -> r.contains("disk busy") && r.contains("retrying in PT2S"));

        fx.clock.advance(Duration.ofSeconds(1));
        await(engine.tick());
        assertThat(cleaner.calls).hasSize(1);
        fx.clock.advance(Duration.ofSeconds(1));
        await(engine.tick());
        assertThat(cleaner.calls).hasSize(2);
        cleaner.calls.get(1).complete(null);
        await(engine.tick());
        assertThat(stateOf(engine, "env-1")).isEqualTo(ResourceState.FREE);
    }

    @Test
    void cooldownThenCleanup() {
        fx.providers.put("scripted", cleaner);
        LeaseEngine engine = fx.start(withCooldown(pool("env", 1), "scripted", Duration.ofMinutes(2)));
        Grant g = await(engine.acquire(request("alice", "env", 1)));
        await(engine.release(g.lease().id(), g.token()));
        assertThat(stateOf(engine, "env-1")).isEqualTo(ResourceState.DIRTY);
        assertThat(cleaner.calls).isEmpty();
        fx.clock.advance(Duration.ofMinutes(2));
        await(engine.tick());
        assertThat(stateOf(engine, "env-1")).isEqualTo(ResourceState.CLEANING);
        cleaner.calls.get(0).complete(null);
        await(engine.tick());
        assertThat(engine.resources()).extracting(ResourceView::state).containsOnly(ResourceState.FREE);
    }

    /** A provider whose cleanups the test completes by hand. */
    static final class ScriptedCleaner implements Provider {
        final List<CompletableFuture<Void>> calls = new CopyOnWriteArrayList<>();

        public String name() {
            return "scripted";
        }

        public boolean cleansResources() {
            return true;
        }

        public CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            calls.add(f);
            return f;
        }
    }
}
