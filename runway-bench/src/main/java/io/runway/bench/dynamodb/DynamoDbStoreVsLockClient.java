package io.runway.bench.dynamodb;

import com.amazonaws.services.dynamodbv2.AcquireLockOptions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClientOptions;
import com.amazonaws.services.dynamodbv2.CreateDynamoDBTableOptions;
import com.amazonaws.services.dynamodbv2.LockItem;
import io.runway.aws.dynamodb.DynamoDbLocal;
import io.runway.aws.dynamodb.DynamoDbStateStore;
import io.runway.aws.dynamodb.DynamoDbStoreSettings;
import io.runway.aws.dynamodb.LocalClients;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * Side by side on one DynamoDB Local (in this JVM, loopback HTTP, real SDK v2 clients): the Runway lease
 * engine on the DynamoDB state store against awslabs' dynamodb-lock-client 1.4.0. Both run the same loop
 * on as many threads as there are resources: take one resource, give it back. Runway's threads ask its pool
 * for any resource; each lock-client thread locks its own key (so the peer never waits on another thread
 * and pays no polling). An ExecutionInterceptor on each side's client counts the requests it sends.
 *
 * <p>Arguments: {@code [threads=16] [seconds=10] [warmupSeconds=3] [rounds=3]}. Needs
 * {@code -Dsqlite4java.library.path=runway-bench/target/sqlite4java-natives}.
 */
public final class DynamoDbStoreVsLockClient {
    private DynamoDbStoreVsLockClient() {}

    record Result(String name, long cycles, double seconds, Map<String, Long> requests, long itemsWritten) {
        double perSecond() {
            return cycles / seconds;
        }

        double itemsWrittenPerCycle() {
            return itemsWritten / (double) cycles;
        }

        double itemsWrittenPerSecond() {
            return itemsWritten / seconds;
        }

        double writesPerOperation() {
            return RequestCounter.sum(Map.of(), requests, RequestCounter.WRITES) / (2.0 * cycles);
        }

        double readsPerCycle() {
            return RequestCounter.sum(Map.of(), requests, RequestCounter.READS) / (double) cycles;
        }
    }

    interface Cycle {
        void run(int thread) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<Result> results = new ArrayList<>();
        try (DynamoDbLocal local = DynamoDbLocal.start()) {
            // Alternating rounds, so a change of load on a shared machine hits both sides alike.
            for (int round = 1; round <= rounds; round++) {
                results.add(runway(local, "runway-bench-" + round, threads, seconds, warmup));
                results.add(lockClient(local, "lock-bench-" + round, threads, seconds, warmup));
            }
        }
        System.out.printf("threads=%d resources=%d rounds=%d measured=%ds per side per round, warm-up=%ds%n", threads,
                threads, rounds, seconds, warmup);
        System.out.println("| round | side | cycles/s | write requests per acquire or release | read requests per cycle "
                + "| items written per cycle | items written/s | requests by operation |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---|");
        long runwayCycles = 0;
        long peerCycles = 0;
        double runwaySeconds = 0;
        double peerSeconds = 0;
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            System.out.printf("| %d | %s | %.0f | %.3f | %.3f | %.2f | %.0f | %s |%n", i / 2 + 1, r.name(), r.perSecond(),
                    r.writesPerOperation(), r.readsPerCycle(), r.itemsWrittenPerCycle(), r.itemsWrittenPerSecond(),
                    r.requests());
            if (i % 2 == 0) {
                runwayCycles += r.cycles();
                runwaySeconds += r.seconds();
            } else {
                peerCycles += r.cycles();
                peerSeconds += r.seconds();
            }
        }
        System.out.printf("all rounds: runway %.0f cycles/s, lock client %.0f cycles/s, ratio %.2f%n",
                runwayCycles / runwaySeconds, peerCycles / peerSeconds,
                (runwayCycles / runwaySeconds) / (peerCycles / peerSeconds));
        System.exit(0); // DynamoDB Local leaves a non-daemon job thread behind after close
    }

    private static Result runway(DynamoDbLocal local, String table, int threads, int seconds, int warmup) throws Exception {
        RequestCounter counter = new RequestCounter();
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2);
        List<ResourceSpec> resources = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            resources.add(new ResourceSpec("r-" + i, List.of(), Map.of()));
        }
        PoolsConfig config = new PoolsConfig(List.of(new PoolSpec("bench", "static", resources, Duration.ZERO,
                QuotaSpec.none())), null);
        try (DynamoDbClient client = LocalClients.client(local, counter);
             DynamoDbStateStore store = DynamoDbStateStore.open(client, DynamoDbStoreSettings.forTable(table),
                     Clock.systemUTC())) {
            LeaseEngine engine = LeaseEngine.start(config, Map.of("static", new StaticProvider()), store,
                    Clock.systemUTC(), host, EngineOptions.DEFAULT);
            LeaseRequest request = new LeaseRequest("bench", "bench", null, 1, Duration.ofMinutes(5),
                    Duration.ofMinutes(1), 0);
            Result result = measure("runway (DynamoDB store)", counter, threads, seconds, warmup, thread -> {
                Grant g = engine.acquire(request).join();
                engine.release(g.lease().id(), g.token()).join();
            });
            engine.close();
            return result;
        } finally {
            host.shutdownNow();
        }
    }

    private static Result lockClient(DynamoDbLocal local, String table, int threads, int seconds, int warmup) throws Exception {
        RequestCounter counter = new RequestCounter();
        try (DynamoDbClient client = LocalClients.client(local, counter)) {
            AmazonDynamoDBLockClient.createLockTableInDynamoDB(CreateDynamoDBTableOptions.builder(client,
                    ProvisionedThroughput.builder().readCapacityUnits(1000L).writeCapacityUnits(1000L).build(),
                    table).build());
            client.waiter().waitUntilTableExists(r -> r.tableName(table));
            AmazonDynamoDBLockClient locks = new AmazonDynamoDBLockClient(AmazonDynamoDBLockClientOptions
                    .builder(client, table).withLeaseDuration(300_000L).withTimeUnit(TimeUnit.MILLISECONDS)
                    .withCreateHeartbeatBackgroundThread(false).build());
            try {
                return measure("dynamodb-lock-client 1.4.0", counter, threads, seconds, warmup, thread -> {
                    LockItem lock = locks.acquireLock(AcquireLockOptions.builder("r-" + thread)
                            .withAdditionalTimeToWaitForLock(60_000L).withRefreshPeriod(10L)
                            .withTimeUnit(TimeUnit.MILLISECONDS).build());
                    locks.releaseLock(lock);
                });
            } finally {
                locks.close();
            }
        }
    }

    /** Runs {@code cycle} on every thread; counts cycles and requests in the window after the warm-up. */
    private static Result measure(String name, RequestCounter counter, int threads, int seconds, int warmup,
                                  Cycle cycle) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        LongAdder cycles = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                start.await();
                while (!stop.get()) {
                    cycle.run(thread);
                    if (measuring.get()) {
                        cycles.increment();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        Thread.sleep(warmup * 1000L);
        Map<String, Long> before = counter.snapshot();
        long itemsBefore = counter.itemsWritten();
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long done = cycles.sum();
        Map<String, Long> after = counter.snapshot();
        long items = counter.itemsWritten() - itemsBefore;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return new Result(name, done, elapsed, RequestCounter.delta(before, after), items);
    }
}
