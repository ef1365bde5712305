package io.runway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.ConflictException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseState;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.time.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two lease engines (two controllers) on one DynamoDB Local table, on one mutable clock with the automatic
 * tick and poll off, so each step of their interplay is forced by the test: a grant decided on a stale
 * view conflicts and is decided again, a release on one controller serves a waiter on the other, an
 * expiry by one controller ends the other's lease.
 */
class TwoControllersTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocal local;
    private static DynamoDbClient client;

    // Starts at the real time: DynamoDB Local deletes items whose TTL (counted from the store's clock) has
    // passed by its own wall clock, as DynamoDB does.
    private final MutableClock clock = new MutableClock(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String table;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = DynamoDbLocal.start();
        client = LocalClients.client(local);
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        client.close();
        local.close();
    }

    @BeforeEach
    void freshTable() {
        table = "runway-two-" + TABLES.incrementAndGet();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        executor.shutdownNow();
    }

    private LeaseEngine controller(int poolSize) {
        DynamoDbStateStore store = DynamoDbStateStore.open(client, DynamoDbStoreSettings.forTable(table), clock);
        opened.add(store);
        List<ResourceSpec> resources = new ArrayList<>();
        for (int i = 1; i <= poolSize; i++) {
            resources.add(new ResourceSpec("web-" + i, List.of(), Map.of()));
        }
        PoolsConfig config = new PoolsConfig(List.of(new PoolSpec("web", "static", resources, Duration.ZERO,
                QuotaSpec.none())), null);
        LeaseEngine engine = LeaseEngine.start(config, Map.of("static", new StaticProvider()), store, clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        opened.add(engine);
        return engine;
    }

    private static LeaseRequest one(String owner, Duration wait) {
        return new LeaseRequest(owner, "web", null, 1, Duration.ofMinutes(10), wait, 0);
    }

    private static <T> T await(CompletableFuture<T> f) {
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void aGrantDecidedOnAStaleViewConflictsAndIsDecidedAgain() {
        LeaseEngine a = controller(2);
        LeaseEngine b = controller(2);
        Grant first = await(a.acquire(one("alice", Duration.ZERO)));
        // b has not polled: it believes both resources free and picks the same one first, is refused by the
        // store, reads, and grants the other one.
        Grant second = await(b.acquire(one("bob", Duration.ZERO)));

        assertThat(second.lease().resourceIds()).doesNotContainAnyElementsOf(first.lease().resourceIds());
        assertThat(second.lease().fencingToken()).isGreaterThan(first.lease().fencingToken());
        // Nothing left for a third request on either controller, once each knows.
        await(a.refresh());
        assertThatThrownBy(() -> await(a.acquire(one("carol", Duration.ZERO))))
                .hasRootCauseInstanceOf(io.runway.core.error.NotGrantedException.class);
    }

    @Test
    void aReleaseOnOneControllerServesAWaiterOnTheOther() {
        LeaseEngine a = controller(1);
        LeaseEngine b = controller(1);
        Grant held = await(a.acquire(one("alice", Duration.ZERO)));
        await(b.refresh());
        CompletableFuture<Grant> waiting = b.acquire(one("bob", Duration.ofMinutes(5)));
        await(b.tick());
        assertThat(waiting).isNotDone();

        await(a.release(held.lease().id(), held.token()));
        await(b.refresh());

        Grant served = await(waiting);
        assertThat(served.lease().resourceIds()).containsExactly("web-1");
        assertThat(served.lease().fencingToken()).isGreaterThan(held.lease().fencingToken());
    }

    @Test
    void aWaiterOnAStaleControllerIsNotFailedByAConflict() {
        LeaseEngine a = controller(1);
        LeaseEngine b = controller(1);
        Grant held = await(a.acquire(one("alice", Duration.ZERO)));
        // b believes web-1 free: it grants, is refused, reads, and its request waits instead of failing.
        CompletableFuture<Grant> waiting = b.acquire(one("bob", Duration.ofMinutes(5)));
        await(b.tick());
        assertThat(waiting).isNotDone();
        await(a.release(held.lease().id(), held.token()));
        await(b.refresh());
        assertThat(await(waiting).lease().fencingToken()).isGreaterThan(held.lease().fencingToken());
    }

    @Test
    void oneControllerExpiresTheOthersLeaseAndTheRenewalThatLostIsRefused() {
        LeaseEngine a = controller(1);
        LeaseEngine b = controller(1);
        Grant held = await(a.acquire(one("alice", Duration.ZERO)));
        await(b.refresh());
        clock.advance(Duration.ofMinutes(11));
        await(b.tick());
        assertThat(b.lease(held.lease().id())).map(Lease::state).contains(LeaseState.EXPIRED);

        // a has not heard: its renewal is decided on a stale record, refused, and decided again on the truth.
        assertThatThrownBy(() -> await(a.renew(held.lease().id(), held.token(), Duration.ofMinutes(10))))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ConflictException.class)
                .hasMessageContaining("EXPIRED");
        assertThat(a.resources()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(ResourceState.FREE));
    }

    @Test
    void aLeaseGrantedOnOneControllerCanBeRenewedAndReleasedOnTheOtherBeforeItPolls() {
        LeaseEngine a = controller(1);
        LeaseEngine b = controller(1);
        Grant held = await(a.acquire(one("alice", Duration.ZERO)));

        Lease renewed = await(b.renew(held.lease().id(), held.token(), Duration.ofMinutes(20)));
        assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(20)));
        Lease released = await(b.release(held.lease().id(), held.token()));
        assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
        assertThatThrownBy(() -> await(b.release("l-never-granted", "x")))
                .hasCauseInstanceOf(io.runway.core.error.NotFoundException.class);

        await(a.refresh());
        assertThat(a.lease(held.lease().id())).map(Lease::state).contains(LeaseState.RELEASED);
        Grant again = await(a.acquire(one("carol", Duration.ZERO)));
        assertThat(again.lease().fencingToken()).isGreaterThan(held.lease().fencingToken());
    }

    @Test
    void controllersStartingTogetherOnAnEmptyTableAgree() throws Exception {
        CompletableFuture<LeaseEngine> a = CompletableFuture.supplyAsync(() -> controller(3));
        CompletableFuture<LeaseEngine> b = CompletableFuture.supplyAsync(() -> controller(3));
        LeaseEngine first = await(a);
        LeaseEngine second = await(b);
        assertThat(first.resources()).hasSize(3);
        assertThat(second.resources()).hasSize(3);
    }
}
