package io.runway.aws.dynamodb;

import static io.runway.aws.dynamodb.ItemCodec.CHANGES_INDEX;
import static io.runway.aws.dynamodb.ItemCodec.CHANGES_PK;
import static io.runway.aws.dynamodb.ItemCodec.CHANGES_PK_VALUE;
import static io.runway.aws.dynamodb.ItemCodec.CHANGES_SK;
import static io.runway.aws.dynamodb.ItemCodec.EVENT_SK_PREFIX;
import static io.runway.aws.dynamodb.ItemCodec.FENCING_KEY;
import static io.runway.aws.dynamodb.ItemCodec.HIGH_WATER;
import static io.runway.aws.dynamodb.ItemCodec.PK;
import static io.runway.aws.dynamodb.ItemCodec.SK;
import static io.runway.aws.dynamodb.ItemCodec.s;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.SharedStateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@link SharedStateStore} on one DynamoDB table (layout in {@link ItemCodec}), for several controllers
 * sharing pools. Each batch is one conditional {@code TransactWriteItems} (see {@link BatchPlan}), so a
 * write whose version is not exactly the stored one plus one fails the whole batch with
 * {@code ConflictException}, whoever wrote last. Commits run on the store's own writer thread in submission
 * order (the caller never blocks on I/O); reads for other controllers' changes run on a reader thread.
 */
public final class DynamoDbStateStore implements SharedStateStore {
    private final DynamoDbClient client;
    private final boolean ownsClient;
    private final DynamoDbStoreSettings settings;
    private final String table;
    private final Clock clock;
    private final TransactionRunner runner;
    private final ExecutorService writer;
    private final ExecutorService reader;
    /** Stamped on the lease and resource items this instance writes, so its polls can leave them out. */
    private final String instanceId = UUID.randomUUID().toString();
    private final String writerId = instanceId.substring(0, 8);
    private final AtomicLong highWater = new AtomicLong();
    private long lastEventSeq;
    private volatile boolean closed;

    private DynamoDbStateStore(DynamoDbClient client, boolean ownsClient, DynamoDbStoreSettings settings, Clock clock) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.table = settings.table();
        this.clock = clock;
        this.runner = new TransactionRunner(client, table);
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "runway-dynamodb-writer-" + table));
        this.reader = Executors.newSingleThreadExecutor(r -> daemon(r, "runway-dynamodb-reader-" + table));
        if (settings.createTable()) {
            try {
                StoreTable.ensure(client, table);
            } catch (RuntimeException e) {
                writer.shutdownNow();
                reader.shutdownNow();
                throw e;
            }
        }
    }

    /** A store with its own client built from {@code settings}; closing the store closes the client. */
    public static DynamoDbStateStore open(DynamoDbStoreSettings settings, Clock clock) {
        return open(settings, (AwsCredentialsProvider) null, clock);
    }

    /**
     * A store with its own client whose credentials come from {@code credentials} (null: the settings' profile
     * and role, or the default chain); closing the store closes the client. What a host with its own
     * credential store (the Jenkins plugin) opens.
     */
    public static DynamoDbStateStore open(DynamoDbStoreSettings settings, AwsCredentialsProvider credentials,
                                          Clock clock) {
        DynamoDbClient client = DynamoDbClients.create(settings, credentials);
        try {
            return new DynamoDbStateStore(client, true, settings, clock);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A store on a client the caller owns (and closes). */
    public static DynamoDbStateStore open(DynamoDbClient client, DynamoDbStoreSettings settings, Clock clock) {
        return new DynamoDbStateStore(client, false, settings, clock);
    }

    @Override
    public StoredState load() {
        Map<String, LeaseRecord> leases = new HashMap<>();
        Map<String, ResourceRecord> resources = new HashMap<>();
        Map<String, DocumentRecord> documents = new HashMap<>();
        long hw = 0;
        try {
            for (Map<String, AttributeValue> item : client.scanPaginator(r -> r.tableName(table).consistentRead(true)
                    .filterExpression("NOT begins_with(#sk, :e)").expressionAttributeNames(Map.of("#sk", SK))
                    .expressionAttributeValues(Map.of(":e", s(EVENT_SK_PREFIX)))).items()) {
                switch (ItemCodec.kind(item)) {
                    case 'L' -> put(leases, ItemCodec.lease(item));
                    case 'R' -> resources.put(ItemCodec.resource(item).id(), ItemCodec.resource(item));
                    case 'D' -> {
                        DocumentRecord d = ItemCodec.document(item);
                        documents.put(d.key(), d);
                    }
                    case 'F' -> hw = ItemCodec.num(item, HIGH_WATER);
                    default -> { }
                }
            }
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("Scan", table, "load", e);
        }
        raiseHighWater(hw);
        return new StoredState(leases, resources, hw, documents);
    }

    private static void put(Map<String, LeaseRecord> leases, LeaseRecord lease) {
        leases.put(lease.id(), lease);
    }

    @Override
    public CompletableFuture<Void> commit(StoreBatch batch) {
        if (closed) {
            return CompletableFuture.failedFuture(new UnavailableException("the DynamoDB state store is closed", null));
        }
        if (batch.isEmpty() && batch.fencingHighWater() <= highWater.get()) {
            return CompletableFuture.runAsync(() -> { }, writer); // still behind earlier batches
        }
        try {
            return CompletableFuture.runAsync(() -> write(batch), writer);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new UnavailableException("the DynamoDB state store is closed", e));
        }
    }

    private void write(StoreBatch batch) {
        BatchPlan plan = BatchPlan.of(batch, table, instanceId, highWater.get(), clock.millis(), settings.endedLeaseTtl(),
                settings.auditTtl(), this::eventKeys, this::nextEventSortKey);
        runner.run(plan);
        if (plan.raisesFencing) {
            raiseHighWater(batch.fencingHighWater());
        }
    }

    /** Sort keys of audit events: increasing within this store, roughly time-ordered across controllers. */
    private String nextEventSortKey() {
        long micros = clock.millis() * 1000;
        lastEventSeq = Math.max(micros, lastEventSeq + 1);
        return EVENT_SK_PREFIX + String.format("%016x", lastEventSeq) + "#" + writerId;
    }

    private List<Map<String, AttributeValue>> eventKeys(String leaseId) {
        return ItemCodec.keysOnly(queryEvents(leaseId, true));
    }

    /** Keys of the lease's event items (those embedded in the lease item go with it). */
    private List<Map<String, AttributeValue>> queryEvents(String leaseId, boolean keysOnly) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :e)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(ItemCodec.leasePk(leaseId)), ":e", s(EVENT_SK_PREFIX)));
        if (keysOnly) {
            query.projectionExpression("#pk, #sk");
        }
        try {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            client.queryPaginator(query.build()).items().forEach(items::add);
            return items;
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("Query", table, "events of lease " + leaseId, e);
        }
    }

    /** The lease's partition: its event items and the events embedded in its lease item, oldest first. */
    @Override
    public List<AuditEvent> events(String leaseId) {
        java.util.TreeMap<String, AuditEvent> bySortKey = new java.util.TreeMap<>();
        try {
            client.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":pk", s(ItemCodec.leasePk(leaseId)))))
                    .items().forEach(item -> bySortKey.putAll(ItemCodec.eventsBySortKey(item)));
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("Query", table, "events of lease " + leaseId, e);
        }
        return List.copyOf(bySortKey.values());
    }

    @Override
    public CompletableFuture<StoredState> read(Collection<String> leaseIds, Collection<String> resourceIds) {
        return supplyOnReader(() -> {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            leaseIds.forEach(id -> keys.add(ItemCodec.leaseKey(id)));
            resourceIds.forEach(id -> keys.add(ItemCodec.resourceKey(id)));
            keys.add(FENCING_KEY);
            Map<String, LeaseRecord> leases = new HashMap<>();
            Map<String, ResourceRecord> resources = new HashMap<>();
            long hw = 0;
            for (int from = 0; from < keys.size(); from += 100) {
                for (Map<String, AttributeValue> item : batchGet(keys.subList(from, Math.min(keys.size(), from + 100)))) {
                    switch (ItemCodec.kind(item)) {
                        case 'L' -> put(leases, ItemCodec.lease(item));
                        case 'R' -> resources.put(ItemCodec.resource(item).id(), ItemCodec.resource(item));
                        case 'F' -> hw = ItemCodec.num(item, HIGH_WATER);
                        default -> { }
                    }
                }
            }
            raiseHighWater(hw);
            return new StoredState(leases, resources, hw);
        });
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        try {
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> ask = pending;
                var response = client.batchGetItem(r -> r.requestItems(ask));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys();
                TransactionRunner.backOff(attempt, !pending.isEmpty());
            }
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("BatchGetItem", table, keys.size() + " records", e);
        }
        return items;
    }

    @Override
    public CompletableFuture<StoredState> changedSince(Instant since) {
        return supplyOnReader(() -> {
            Map<String, LeaseRecord> leases = new HashMap<>();
            Map<String, ResourceRecord> resources = new HashMap<>();
            try {
                for (Map<String, AttributeValue> item : client.queryPaginator(r -> r.tableName(table)
                        .indexName(CHANGES_INDEX).keyConditionExpression("#g = :g AND #c >= :c")
                        // This store's own writes are in its caller's mirror already: neither sent nor parsed.
                        .filterExpression("attribute_not_exists(#w) OR #w <> :me")
                        .expressionAttributeNames(Map.of("#g", CHANGES_PK, "#c", CHANGES_SK, "#w", ItemCodec.WRITER))
                        .expressionAttributeValues(Map.of(":g", s(CHANGES_PK_VALUE),
                                ":c", ItemCodec.n(since.toEpochMilli()), ":me", s(instanceId)))).items()) {
                    switch (ItemCodec.kind(item)) {
                        case 'L' -> put(leases, ItemCodec.lease(item));
                        case 'R' -> resources.put(ItemCodec.resource(item).id(), ItemCodec.resource(item));
                        default -> { }
                    }
                }
                var fencing = client.getItem(r -> r.tableName(table).key(FENCING_KEY).consistentRead(true)).item();
                long hw = fencing == null || !fencing.containsKey(HIGH_WATER) ? 0 : ItemCodec.num(fencing, HIGH_WATER);
                raiseHighWater(hw);
                return new StoredState(leases, resources, hw);
            } catch (RuntimeException e) {
                throw DynamoDbErrors.translate("Query", table, "index " + CHANGES_INDEX + " since " + since, e);
            }
        });
    }

    private <T> CompletableFuture<T> supplyOnReader(java.util.function.Supplier<T> read) {
        if (closed) {
            return CompletableFuture.failedFuture(new UnavailableException("the DynamoDB state store is closed", null));
        }
        try {
            return CompletableFuture.supplyAsync(read, reader);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new UnavailableException("the DynamoDB state store is closed", e));
        }
    }

    private void raiseHighWater(long seen) {
        highWater.accumulateAndGet(seen, Math::max);
    }

    public String table() {
        return table;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.shutdown();
        reader.shutdown();
        try {
            if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new UnavailableException("the DynamoDB state store did not finish its last commits in 60s", null);
            }
            reader.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownsClient) {
                client.close();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
