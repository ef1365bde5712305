package io.runway.core.lease;

import static io.runway.core.lease.EngineFixture.await;
import static io.runway.core.lease.EngineFixture.capable;
import static io.runway.core.lease.EngineFixture.pool;
import static io.runway.core.lease.EngineFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.ConflictException;
import io.runway.core.error.ForbiddenException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.NotGrantedException;
import io.runway.core.error.QuotaExceededException;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.AuditEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaseEngineTest {
    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void grantsTheRequestedCountAllOrNothing() {
        LeaseEngine engine = fx.start(pool("web", 3));
        Grant first = await(engine.acquire(request("alice", "web", 2)));
        assertThat(first.lease().state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(first.lease().resources()).hasSize(2);
        assertThat(first.token()).isNotBlank();

        assertThatThrownBy(() -> await(engine.acquire(request("bob", "web", 2))))
                .hasCauseInstanceOf(NotGrantedException.class);
        assertThat(engine.resources()).filteredOn(r -> r.state() == ResourceState.FREE).hasSize(1);
    }

    @Test
    void matchesCapabilityExpressionsAcrossPools() {
        LeaseEngine engine = fx.start(pool("arm", 2, "linux", "arm"), pool("gpu", 2, "linux", "x86", "gpu"));
        Grant g = await(engine.acquire(capable("alice", "linux && !arm && (gpu || fpga)", 2)));
        assertThat(g.lease().resources()).extracting(ResourceView::pool).containsOnly("gpu");
        assertThatThrownBy(() -> await(engine.acquire(capable("bob", "linux && gpu", 1))))
                .hasCauseInstanceOf(NotGrantedException.class);
    }

    @Test
    void refusesAtOnceWhatCanNeverBeGranted() {
        LeaseEngine engine = fx.start(pool("web", 2));
        CompletableFuture<Grant> f = engine.acquire(request("alice", "web", 3).withWait(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> await(f)).hasCauseInstanceOf(NotGrantedException.class)
                .hasMessageContaining("can never be granted");
    }

    @Test
    void ownersMayBeNamesPeopleReallyUse() {
        LeaseEngine engine = fx.start(pool("web", 2));
        // A Jenkins job named in Persian (zero-width non-joiner) or with an emoji ZWJ sequence still leases.
        assertThat(engine.acquire(request("build:\u062A\u06CC\u0645\u200C\u0647\u0627 \uD83D\uDC69\u200D\uD83D\uDCBB#1",
                "web", 1)).join().lease().owner()).contains("\u200C");
    }

    @Test
    void rejectsBadRequestsNamingTheField() {
        LeaseEngine engine = fx.start(pool("web", 2));
        assertField(engine.acquire(request("", "web", 1)), InvalidInputException.class, "owner");
        assertField(engine.acquire(new LeaseRequest("a", "web", null, 1, Duration.ofMinutes(1), null, Integer.MIN_VALUE)),
                InvalidInputException.class, "priority");
        assertField(engine.acquire(request("admin\u202Egnp.exe", "web", 1)), InvalidInputException.class, "owner");
        assertField(engine.acquire(request("ci\u200B", "web", 1)), InvalidInputException.class, "owner");
        assertField(engine.acquire(request("ci\nforged line", "web", 1)), InvalidInputException.class, "owner");
        assertField(engine.acquire(request("a", "web", 0)), InvalidInputException.class, "count");
        assertField(engine.acquire(request("a", "web", -1)), InvalidInputException.class, "count");
        assertField(engine.acquire(request("a", "nope", 1)), NotFoundException.class, "pool");
        assertField(engine.acquire(new LeaseRequest("a", "web", null, 1, Duration.ofDays(400), null, 0)),
                InvalidInputException.class, "ttl");
        assertField(engine.acquire(new LeaseRequest("a", "web", null, 1, Duration.ZERO, null, 0)),
                InvalidInputException.class, "ttl");
        assertField(engine.acquire(request("a", "web", 1).withWait(Duration.ofDays(2))), InvalidInputException.class, "wait");
        assertField(engine.acquire(request("a", "web", 1).withPriority(5000)), InvalidInputException.class, "priority");
        assertThat(engine.resources()).allMatch(r -> r.state() == ResourceState.FREE);
        assertThat(engine.leases()).isEmpty();
    }

    private static void assertField(CompletableFuture<?> f, Class<? extends Exception> type, String field) {
        assertThatThrownBy(() -> await(f)).isInstanceOf(CompletionException.class).cause().isInstanceOf(type)
                .extracting("field").isEqualTo(field);
    }

    @Test
    void servesHigherPriorityFirstThenFirstComeFirstServed() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant holder = await(engine.acquire(request("holder", "web", 1)));
        CompletableFuture<Grant> low1 = engine.acquire(waiting("low1", 0));
        CompletableFuture<Grant> low2 = engine.acquire(waiting("low2", 0));
        CompletableFuture<Grant> high = engine.acquire(waiting("high", 10));
        await(engine.tick());
        assertThat(engine.leases()).filteredOn(l -> l.state() == LeaseState.WAITING).hasSize(3);

        Grant next = releaseAndAwaitNext(engine, holder, high);
        assertThat(next.lease().owner()).isEqualTo("high");
        next = releaseAndAwaitNext(engine, next, low1);
        next = releaseAndAwaitNext(engine, next, low2);
        assertThat(next.lease().owner()).isEqualTo("low2");
    }

    private static Grant releaseAndAwaitNext(LeaseEngine engine, Grant held, CompletableFuture<Grant> next) {
        assertThat(next).isNotDone();
        await(engine.release(held.lease().id(), held.token()));
        return await(next);
    }

    private static LeaseRequest waiting(String owner, int priority) {
        return request(owner, "web", 1).withWait(Duration.ofMinutes(5)).withPriority(priority);
    }

    @Test
    void aLargeRequestAtTheHeadIsNotStarvedBySmallOnes() {
        LeaseEngine engine = fx.start(pool("web", 4));
        Grant a = await(engine.acquire(request("a", "web", 1)));
        Grant b = await(engine.acquire(request("b", "web", 1)));
        CompletableFuture<Grant> big = engine.acquire(request("big", "web", 4).withWait(Duration.ofMinutes(5)));
        CompletableFuture<Grant> small = engine.acquire(request("small", "web", 1).withWait(Duration.ofMinutes(5)));
        await(engine.tick());
        // Two resources are free, but both would delay the head: the small request must not take one.
        assertThat(small).isNotDone();
        await(engine.release(a.lease().id(), a.token()));
        assertThat(big).isNotDone();
        await(engine.release(b.lease().id(), b.token()));
        assertThat(await(big).lease().resources()).hasSize(4);
        assertThat(small).isNotDone();
    }

    @Test
    void backfillsWithResourcesTheHeadCannotUse() {
        LeaseEngine engine = fx.start(pool("gpu", 2, "gpu"), pool("cpu", 2, "cpu"));
        Grant gpuHolder = await(engine.acquire(capable("x", "gpu", 1)));
        CompletableFuture<Grant> bigGpu = engine.acquire(capable("big", "gpu", 2).withWait(Duration.ofMinutes(5)));
        Grant cpu = await(engine.acquire(capable("small", "cpu", 1).withWait(Duration.ofMinutes(5))));
        assertThat(cpu.lease().resources()).extracting(ResourceView::pool).containsOnly("cpu");
        assertThat(bigGpu).isNotDone();
        await(engine.release(gpuHolder.lease().id(), gpuHolder.token()));
        assertThat(await(bigGpu).lease().resources()).hasSize(2);
    }

    @Test
    void waitingEndsWithNotGrantedWhenTheWaitElapses() {
        LeaseEngine engine = fx.start(pool("web", 1));
        await(engine.acquire(request("holder", "web", 1)));
        CompletableFuture<Grant> waiter = engine.acquire(request("w", "web", 1).withWait(Duration.ofSeconds(30)));
        await(engine.tick()); // the request is queued at the current instant before the clock moves
        fx.clock.advance(Duration.ofSeconds(29));
        await(engine.tick());
        assertThat(waiter).isNotDone();
        fx.clock.advance(Duration.ofSeconds(1));
        await(engine.tick());
        assertThatThrownBy(() -> await(waiter)).hasCauseInstanceOf(NotGrantedException.class)
                .hasMessageContaining("within");
        assertThat(engine.leases()).noneMatch(l -> l.state() == LeaseState.WAITING);
    }

    @Test
    void expiresLeasesThatAreNotRenewed() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        fx.clock.advance(Duration.ofMinutes(9));
        Lease renewed = await(engine.renew(g.lease().id(), g.token(), Duration.ofMinutes(10)));
        assertThat(renewed.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(10)));
        fx.clock.advance(Duration.ofMinutes(10));
        await(engine.tick());
        assertThat(engine.lease(g.lease().id())).get().extracting(Lease::state).isEqualTo(LeaseState.EXPIRED);
        assertThat(engine.resources()).allMatch(r -> r.state() == ResourceState.FREE);
        assertThatThrownBy(() -> await(engine.renew(g.lease().id(), g.token(), Duration.ofMinutes(1))))
                .hasCauseInstanceOf(ConflictException.class).hasMessageContaining("EXPIRED");
    }

    @Test
    void thePeriodicTickReapsWithoutBeingAsked() throws Exception {
        LeaseEngine engine = LeaseEngine.start(new io.runway.core.pool.PoolsConfig(java.util.List.of(pool("web", 1)), null),
                fx.providers, fx.store, fx.clock, fx.executor, EngineOptions.DEFAULT.withTickInterval(Duration.ofMillis(20)));
        fx.engines.add(engine);
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        fx.clock.advance(Duration.ofMinutes(10));
        // No explicit tick: the engine's own ticker must notice (bounded wait, no timing assertion).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (engine.lease(g.lease().id()).orElseThrow().state() == LeaseState.ACTIVE && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(engine.lease(g.lease().id())).get().extracting(Lease::state).isEqualTo(LeaseState.EXPIRED);
    }

    @Test
    void renewAtTheExpiryInstantIsTooLateEvenBeforeTheReaperRan() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        fx.clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> await(engine.renew(g.lease().id(), g.token(), Duration.ofMinutes(1))))
                .hasCauseInstanceOf(ConflictException.class);
        assertThat(engine.lease(g.lease().id())).get().extracting(Lease::state).isEqualTo(LeaseState.EXPIRED);
    }

    @Test
    void onlyTheTokenHolderMayRenewOrRelease() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        String id = g.lease().id();
        assertThatThrownBy(() -> await(engine.release(id, "wrong"))).hasCauseInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> await(engine.release(id, null))).hasCauseInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> await(engine.renew(id, "wrong", Duration.ofMinutes(1))))
                .hasCauseInstanceOf(ForbiddenException.class);
        assertThat(engine.lease(id)).get().extracting(Lease::state).isEqualTo(LeaseState.ACTIVE);

        assertThat(await(engine.release(id, g.token())).state()).isEqualTo(LeaseState.RELEASED);
        assertThat(await(engine.release(id, g.token())).state()).isEqualTo(LeaseState.RELEASED);
        assertThatThrownBy(() -> await(engine.release(id, "wrong"))).hasCauseInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> await(engine.release("l-missing", "x"))).hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void countsTimeoutsOnlyWhenAWaitRunsOut() {
        LeaseEngine engine = fx.start(pool("web", 1));
        await(engine.acquire(request("holder", "web", 1)));
        assertThatThrownBy(() -> await(engine.acquire(request("now", "web", 1)))).hasCauseInstanceOf(NotGrantedException.class);
        assertThatThrownBy(() -> await(engine.acquire(request("never", "web", 2)))).hasCauseInstanceOf(NotGrantedException.class);
        assertThat(engine.stats().timedOut()).isEqualTo(1);
        assertThat(engine.stats().rejected()).isEqualTo(1);
    }

    @Test
    void anEngineWhoseStoreRefusesTheStartIsNotStarted() {
        fx.store = new io.runway.core.store.StateStore() {
            public io.runway.core.store.StoredState load() {
                return io.runway.core.store.StoredState.empty();
            }

            public CompletableFuture<Void> commit(io.runway.core.store.StoreBatch batch) {
                return CompletableFuture.failedFuture(new java.io.UncheckedIOException(new java.io.IOException("disk full")));
            }

            public List<AuditEvent> events(String leaseId) {
                return List.of();
            }

            public void close() {
            }
        };
        assertThatThrownBy(() -> fx.start(pool("web", 1))).hasMessageContaining("disk full");
    }

    @Test
    void aRepeatedReleaseIsAnsweredOnlyOnceTheEndIsDurable() throws Exception {
        GatedStore gated = new GatedStore(fx.store);
        fx.store = gated;
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        gated.hold();
        CompletableFuture<Lease> first = engine.release(g.lease().id(), g.token());
        CompletableFuture<Lease> again = engine.release(g.lease().id(), g.token());
        CompletableFuture<Lease> renew = engine.renew(g.lease().id(), g.token(), Duration.ofMinutes(1));
        // A fence: a command refused at once (no state touched) is answered after the ones before it were decided.
        assertThatThrownBy(() -> await(engine.renew("l-missing", "x", Duration.ofMinutes(1))))
                .hasCauseInstanceOf(NotFoundException.class);
        assertThat(first).isNotDone();
        assertThat(again).isNotDone();
        assertThat(renew).isNotDone();
        gated.open();
        assertThat(await(first).state()).isEqualTo(LeaseState.RELEASED);
        assertThat(await(again).state()).isEqualTo(LeaseState.RELEASED);
        assertThatThrownBy(() -> await(renew)).hasCauseInstanceOf(ConflictException.class);
    }

    /** A store whose commits complete only when the test opens the gate, in order. */
    static final class GatedStore implements io.runway.core.store.StateStore {
        private final io.runway.core.store.StateStore inner;
        private final java.util.List<CompletableFuture<Void>> held = new java.util.ArrayList<>();
        private boolean holding;

        GatedStore(io.runway.core.store.StateStore inner) {
            this.inner = inner;
        }

        synchronized void hold() {
            holding = true;
        }

        void open() {
            java.util.List<CompletableFuture<Void>> release;
            synchronized (this) {
                holding = false;
                release = new java.util.ArrayList<>(held);
                held.clear();
            }
            release.forEach(f -> f.complete(null));
        }

        public io.runway.core.store.StoredState load() {
            return inner.load();
        }

        public synchronized CompletableFuture<Void> commit(io.runway.core.store.StoreBatch batch) {
            CompletableFuture<Void> done = inner.commit(batch);
            if (!holding) {
                return done;
            }
            CompletableFuture<Void> gate = new CompletableFuture<>();
            held.add(gate);
            return gate.thenCombine(done, (a, b) -> null);
        }

        public List<AuditEvent> events(String leaseId) {
            return inner.events(leaseId);
        }

        public void close() {
            inner.close();
        }
    }

    @Test
    void anAdminRevokes() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        Lease revoked = await(engine.revoke(g.lease().id(), "admin", "maintenance"));
        assertThat(revoked.state()).isEqualTo(LeaseState.REVOKED);
        assertThat(revoked.endReason()).isEqualTo("maintenance");
        assertThat(engine.resources()).allMatch(r -> r.state() == ResourceState.FREE);
    }

    @Test
    void anAdminCancelsAWaitingRequest() {
        LeaseEngine engine = fx.start(pool("web", 1));
        await(engine.acquire(request("holder", "web", 1)));
        CompletableFuture<Grant> waiter = engine.acquire(request("w", "web", 1).withWait(Duration.ofMinutes(5)));
        await(engine.tick());
        String id = engine.leases().stream().filter(l -> l.state() == LeaseState.WAITING).findFirst().orElseThrow().id();
        assertThat(await(engine.revoke(id, "admin", null)).state()).isEqualTo(LeaseState.CANCELLED);
        assertThatThrownBy(() -> await(waiter)).hasCauseInstanceOf(NotGrantedException.class);
    }

    @Test
    void fencingTokensGrowOnEveryGrant() {
        LeaseEngine engine = fx.start(pool("web", 2));
        long last = 0;
        for (int i = 0; i < 20; i++) {
            Grant g = await(engine.acquire(request("alice", "web", 1 + i % 2)));
            assertThat(g.lease().fencingToken()).isGreaterThan(last);
            last = g.lease().fencingToken();
            await(engine.release(g.lease().id(), g.token()));
        }
    }

    @Test
    void perOwnerQuotaIsEnforced() {
        var web = pool("web", 4);
        web = new io.runway.core.pool.PoolSpec("web", "static", web.resources(), null, new io.runway.core.pool.QuotaSpec(2));
        LeaseEngine engine = fx.start(web);
        assertThatThrownBy(() -> await(engine.acquire(request("alice", "web", 3))))
                .hasCauseInstanceOf(QuotaExceededException.class);
        await(engine.acquire(request("alice", "web", 2)));
        assertThatThrownBy(() -> await(engine.acquire(request("alice", "web", 1))))
                .hasCauseInstanceOf(QuotaExceededException.class);
        assertThat(await(engine.acquire(request("bob", "web", 2))).lease().resources()).hasSize(2);
    }

    @Test
    void keepsAtMostTheConfiguredEndedLeasesWithoutWaitingForTheTick() throws Exception {
        LeaseEngine engine = fx.start(new PoolsConfig(List.of(pool("web", 1)), null),
                EngineOptions.DEFAULT.withMaxEndedLeases(2));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Grant g = await(engine.acquire(request("alice", "web", 1).withWait(Duration.ofMinutes(1))));
            await(engine.release(g.lease().id(), g.token()));
            ids.add(g.lease().id());
        }
        // No tick ran: each release purged the oldest ended lease beyond the bar in its own batch.
        assertThat(engine.lease(ids.get(2))).isEmpty();
        assertThat(engine.lease(ids.get(3))).isPresent();
        assertThat(engine.lease(ids.get(4))).isPresent();
        assertThat(engine.events(ids.get(0))).isEmpty();
        assertThat(fx.store.load().leases().keySet()).containsExactlyInAnyOrder(ids.get(3), ids.get(4));
        assertThat(engine.events(ids.get(4))).extracting(AuditEvent::type)
                .containsExactly("lease.granted", "lease.released");
    }

    @Test
    void recordsAnAuditTrailWithoutTokens() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        await(engine.renew(g.lease().id(), g.token(), Duration.ofMinutes(5)));
        await(engine.release(g.lease().id(), g.token()));
        List<AuditEvent> events = engine.events(g.lease().id());
        assertThat(events).extracting(AuditEvent::type).containsExactly("lease.granted", "lease.renewed", "lease.released");
        assertThat(events).extracting(AuditEvent::actor).containsOnly("alice");
        assertThat(events.toString()).doesNotContain(g.token());
    }

    @Test
    void snapshotsNeverShowTheToken() {
        LeaseEngine engine = fx.start(pool("web", 1));
        Grant g = await(engine.acquire(request("alice", "web", 1)));
        assertThat(engine.leases().toString()).doesNotContain(g.token());
        assertThat(g.toString()).doesNotContain(g.token());
    }
}
