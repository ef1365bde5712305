package io.runway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseState;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two engines in one JVM on one DynamoDB Local table, each with many client threads on a small pool, on
 * the real clock with the automatic tick and poll: the merged history shows no resource held by two leases
 * at once, every acquire was granted and every release heard, and the table ends with every resource free.
 */
class TwoControllersHammerTest {
    static final int THREADS = 6;
    static final int CYCLES = 20;
    static final int POOL_SIZE = 4;

    static PoolsConfig config() {
        List<ResourceSpec> resources = new ArrayList<>();
        for (int i = 1; i <= POOL_SIZE; i++) {
            resources.add(new ResourceSpec("web-" + i, List.of(), Map.of()));
        }
        return new PoolsConfig(List.of(new PoolSpec("web", "static", resources, Duration.ZERO, QuotaSpec.none())), null);
    }

    @Test
    void noDoubleGrantAndNoLostReleaseAcrossTwoControllers() throws Exception {
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2);
        try (DynamoDbLocal local = DynamoDbLocal.start(); DynamoDbClient client = LocalClients.client(local)) {
            DynamoDbStoreSettings settings = DynamoDbStoreSettings.forTable("runway-hammer");
            List<CompletableFuture<List<Hammer.Hold>>> runs = new ArrayList<>();
            List<AutoCloseable> opened = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                DynamoDbStateStore store = DynamoDbStateStore.open(client, settings, Clock.systemUTC());
                LeaseEngine engine = LeaseEngine.start(config(), Map.of("static", new StaticProvider()), store,
                        Clock.systemUTC(), host, EngineOptions.DEFAULT);
                opened.add(store);
                opened.add(engine);
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Hammer.run(engine, name, "web", THREADS, CYCLES);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<Hammer.Hold> history = new ArrayList<>();
            for (CompletableFuture<List<Hammer.Hold>> run : runs) {
                history.addAll(run.join());
            }
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            assertThat(Hammer.violations(history)).isEmpty();
            assertThat(history.stream().map(Hammer.Hold::leaseId).distinct().count()).isEqualTo(2L * THREADS * CYCLES);
            try (DynamoDbStateStore store = DynamoDbStateStore.open(client, settings, Clock.systemUTC())) {
                StoredState end = store.load();
                assertThat(end.resources().values()).allSatisfy(r -> assertThat(r.state()).isEqualTo(ResourceState.FREE));
                assertThat(end.leases().values()).noneMatch(l -> l.state() == LeaseState.ACTIVE);
                assertThat(end.leases().values()).allSatisfy(l -> assertThat(l.state()).isEqualTo(LeaseState.RELEASED));
            }
        } finally {
            host.shutdownNow();
        }
    }
}
