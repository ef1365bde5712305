package io.runway.core.store;

import static io.runway.core.store.StoreFixtures.T0;
import static io.runway.core.store.StoreFixtures.event;
import static io.runway.core.store.StoreFixtures.events;
import static io.runway.core.store.StoreFixtures.fencing;
import static io.runway.core.store.StoreFixtures.grant;
import static io.runway.core.store.StoreFixtures.lease;
import static io.runway.core.store.StoreFixtures.leases;
import static io.runway.core.store.StoreFixtures.purge;
import static io.runway.core.store.StoreFixtures.resource;
import static io.runway.core.store.StoreFixtures.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.runway.core.error.ConflictException;
import io.runway.core.error.UnavailableException;
import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StateStore} passes (TCK). An implementation's test extends this class and
 * says how to open a fresh store and, for durable stores, how to open the same state again. Ships in the
 * runway-core test-jar.
 */
public abstract class StateStoreContract {
    private static final long TIMEOUT_SECONDS = 30;

    private final List<StateStore> opened = new ArrayList<>();
    /** The store under test; replaced by {@link #reopen()}. */
    protected StateStore store;

    /** A new store with empty state; called once per test, before any {@link #reopenStore()}. */
    protected abstract StateStore openStore() throws Exception;

    /** Whether state survives {@code close()} and {@link #reopenStore()}. */
    protected abstract boolean durableAcrossReopen();

    /** Opens the state of the last {@link #openStore()} again; the previous instance is closed first. */
    protected StateStore reopenStore() throws Exception {
        throw new UnsupportedOperationException("not a durable store");
    }

    @BeforeEach
    void openFreshStore() throws Exception {
        store = track(openStore());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    private StateStore track(StateStore opened) {
        this.opened.add(opened);
        return opened;
    }

    /** Makes {@code next} the store under test; it is closed after the test. */
    protected void useStore(StateStore next) {
        store = track(next);
    }

    /** Closes the current store and opens its state again. */
    protected StateStore reopen() throws Exception {
        store.close();
        store = track(reopenStore());
        return store;
    }

    protected static void await(CompletableFuture<Void> commit) throws Exception {
        commit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    protected static Throwable failureOf(CompletableFuture<Void> commit) throws InterruptedException, TimeoutException {
        try {
            commit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the commit succeeded but should have failed");
    }

    @Test
    void roundTripsEveryField() throws Exception {
        LeaseRecord lease = new LeaseRecord("L1", 1, "alice@example.org", "ab12", 41, LeaseState.RELEASED,
                List.of("host-1", "host-2"), -3, T0.minusSeconds(5), T0, T0.plusSeconds(3600).plusNanos(7),
                T0.plusMillis(1500), "released by owner \u2713");
        ResourceRecord resource = new ResourceRecord("host-1", 1, "linux-x86", ResourceState.DIRTY, "L1",
                T0.plusNanos(999_999_999), 41);
        AuditEvent full = new AuditEvent(T0, "L1", "host-1", "resource.state", "engine", "LEASED", "DIRTY", "released");
        await(store.commit(new StoreBatch(List.of(lease), List.of(resource), List.of(full), List.of(), 41)));

        assertHolds(Map.of("L1", lease), Map.of("host-1", resource), 41);
        assertThat(store.events("L1")).containsExactly(full);
        if (durableAcrossReopen()) {
            reopen();
            assertHolds(Map.of("L1", lease), Map.of("host-1", resource), 41);
            assertThat(store.events("L1")).containsExactly(full);
        }
    }

    @Test
    void roundTripsAbsentOptionalFields() throws Exception {
        LeaseRecord lease = new LeaseRecord("L1", 1, "bob", "cd34", 1, LeaseState.ACTIVE, List.of(), 0, null, T0,
                T0.plusSeconds(60), null, null);
        ResourceRecord resource = new ResourceRecord("host-1", 1, "pool", ResourceState.FREE, null, T0, 0);
        AuditEvent sparse = new AuditEvent(T0, "L1", null, "lease.granted", "bob", null, null, null);
        await(store.commit(new StoreBatch(List.of(lease), List.of(resource), List.of(sparse), List.of(), 0)));
        if (durableAcrossReopen()) {
            reopen();
        }
        assertHolds(Map.of("L1", lease), Map.of("host-1", resource), 0);
        assertThat(store.events("L1")).containsExactly(sparse);
    }

    @Test
    void versionConflictFailsTheWholeBatchAndAppliesNothing() throws Exception {
        await(store.commit(
                new StoreBatch(List.of(lease("L1", 1)), List.of(resource("R1", 1)), List.of(), List.of(), 5)));
        StoreBatch halfStale = new StoreBatch(List.of(lease("L1", 2), lease("L2", 1)), List.of(resource("R1", 3)),
                List.of(event("L1", "lease.renewed")), List.of(), 9);

        assertThat(failureOf(store.commit(halfStale))).isInstanceOf(ConflictException.class).hasMessageContaining("R1");

        assertHolds(Map.of("L1", lease("L1", 1)), Map.of("R1", resource("R1", 1)), 5);
        assertThat(store.events("L1")).isEmpty();
        await(store.commit(leases(lease("L1", 2)))); // a conflict leaves the versions where they were
        assertThat(store.load().leases().get("L1").version()).isEqualTo(2);
    }

    @Test
    void newIdMustStartAtVersionOne() throws Exception {
        assertThat(failureOf(store.commit(leases(lease("L1", 2))))).isInstanceOf(ConflictException.class);
        assertThat(failureOf(store.commit(resources(resource("R1", 5))))).isInstanceOf(ConflictException.class);
        assertThat(store.load().leases()).isEmpty();
        assertThat(store.load().resources()).isEmpty();
    }

    @Test
    void repeatedOrSkippedVersionIsRejected() throws Exception {
        await(store.commit(leases(lease("L1", 1))));
        assertThat(failureOf(store.commit(leases(lease("L1", 1))))).isInstanceOf(ConflictException.class);
        assertThat(failureOf(store.commit(leases(lease("L1", 3))))).isInstanceOf(ConflictException.class);
        await(store.commit(leases(lease("L1", 2))));
        assertThat(store.load().leases().get("L1")).isEqualTo(lease("L1", 2));
    }

    @Test
    void oneIdTwiceInOneBatchIsRejected() throws Exception {
        assertThat(failureOf(store.commit(leases(lease("L1", 1), lease("L1", 2)))))
                .isInstanceOf(ConflictException.class);
        assertThat(store.load().leases()).isEmpty();
    }

    @Test
    void batchesSubmittedWithoutWaitingApplyInSubmissionOrder() throws Exception {
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        ConcurrentLinkedQueue<Long> completionOrder = new ConcurrentLinkedQueue<>();
        for (long version = 1; version <= 50; version++) {
            long v = version;
            CompletableFuture<Void> commit = store.commit(grant("L1", version));
            commit.thenRun(() -> completionOrder.add(v));
            commits.add(commit);
        }
        for (CompletableFuture<Void> commit : commits) {
            await(commit);
        }
        assertThat(new ArrayList<>(completionOrder)).isSorted().hasSize(50);
        assertThat(store.load().leases().get("L1").version()).isEqualTo(50);
        assertThat(store.events("L1")).hasSize(100).first().isEqualTo(event("L1", "lease.v1"));
    }

    @Test
    void purgeRemovesTheLeaseAndItsEventsOnly() throws Exception {
        await(store.commit(grant("L1", 1)));
        await(store.commit(grant("L2", 1)));
        await(store.commit(purge("L1", "never-existed")));

        assertThat(store.load().leases()).containsOnlyKeys("L2");
        assertThat(store.load().resources()).containsOnlyKeys("r-L1", "r-L2");
        assertThat(store.events("L1")).isEmpty();
        assertThat(store.events("L2")).hasSize(2);
        await(store.commit(leases(lease("L1", 1)))); // a purged id is forgotten, so it starts over
        if (durableAcrossReopen()) {
            reopen();
            assertThat(store.load().leases()).containsOnlyKeys("L1", "L2");
            assertThat(store.events("L1")).isEmpty();
        }
    }

    @Test
    void eventsOfALeaseComeOldestFirst() throws Exception {
        await(store.commit(events(event("L1", "a"), event("L2", "x"), event("L1", "b"))));
        await(store.commit(events(event("L1", "c"), event(null, "pool.resized"))));

        assertThat(store.events("L1")).extracting(AuditEvent::type).containsExactly("a", "b", "c");
        assertThat(store.events("L2")).extracting(AuditEvent::type).containsExactly("x");
        assertThat(store.events("unknown")).isEmpty();
    }

    @Test
    void fencingHighWaterIsTheMaximumSeen() throws Exception {
        await(store.commit(fencing(5)));
        await(store.commit(fencing(3)));
        assertThat(store.load().fencingHighWater()).isEqualTo(5);
        await(store.commit(fencing(7)));
        if (durableAcrossReopen()) {
            reopen();
        }
        assertThat(store.load().fencingHighWater()).isEqualTo(7);
    }

    @Test
    void emptyBatchCompletes() throws Exception {
        await(store.commit(new StoreBatch(List.of(), List.of(), List.of(), List.of(), 0)));
        assertThat(store.load()).isEqualTo(StoredState.empty());
    }

    @Test
    void commitAfterCloseFailsAsUnavailable() throws Exception {
        store.close();
        store.close(); // idempotent
        assertThat(failureOf(store.commit(grant("L1", 1)))).isInstanceOf(UnavailableException.class);
    }

    @Test
    void closeCompletesEverythingSubmittedBefore() throws Exception {
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            commits.add(store.commit(grant("L" + i, 1)));
        }
        store.close();
        for (CompletableFuture<Void> commit : commits) {
            assertThat(commit).isCompleted();
            await(commit);
        }
        if (durableAcrossReopen()) {
            reopen();
            assertThat(store.load().leases()).hasSize(200);
        }
    }

    @Test
    void reopenSeesExactlyTheCompletedBatches() throws Exception {
        assumeThat(durableAcrossReopen()).as("durable store").isTrue();
        await(store.commit(grant("L1", 1)));
        await(store.commit(grant("L2", 1)));
        failureOf(store.commit(grant("L1", 5)));
        await(store.commit(grant("L1", 2)));
        await(store.commit(purge("L2")));
        await(store.commit(fencing(99)));
        StoredState before = store.load();
        List<AuditEvent> eventsBefore = store.events("L1");

        reopen();

        assertThat(store.load()).isEqualTo(before);
        assertThat(store.events("L1")).isEqualTo(eventsBefore).hasSize(4);
        assertThat(store.events("L2")).isEmpty();
        await(store.commit(grant("L1", 3))); // the versions survived too
    }

    @Test
    void concurrentCommitsToDistinctIdsAllLand() throws Exception {
        int threads = 8;
        int leasesPerThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<Void>> commits = new ArrayList<>();
                    for (int i = 0; i < leasesPerThread; i++) {
                        String id = "T" + thread + "-" + i;
                        commits.add(store.commit(grant(id, 1)));
                        commits.add(store.commit(grant(id, 2)));
                    }
                    return commits;
                }));
            }
            start.countDown();
            for (Future<List<CompletableFuture<Void>>> thread : submitted) {
                for (CompletableFuture<Void> commit : thread.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    await(commit);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        StoredState state = store.load();
        assertThat(state.leases()).hasSize(threads * leasesPerThread);
        assertThat(state.leases().values()).allSatisfy(lease -> assertThat(lease.version()).isEqualTo(2));
        assertThat(state.resources().values()).allSatisfy(resource -> assertThat(resource.version()).isEqualTo(2));
        assertThat(store.events("T3-7")).hasSize(4);
    }

    private void assertHolds(Map<String, LeaseRecord> leases, Map<String, ResourceRecord> resources, long highWater) {
        StoredState state = store.load();
        assertThat(state.leases()).isEqualTo(leases);
        assertThat(state.resources()).isEqualTo(resources);
        assertThat(state.fencingHighWater()).isEqualTo(highWater);
    }
}
