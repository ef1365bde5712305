package io.runway.aws.dynamodb;

import static io.runway.aws.dynamodb.ItemCodec.FENCING_KEY;
import static io.runway.aws.dynamodb.ItemCodec.HIGH_WATER;
import static io.runway.aws.dynamodb.ItemCodec.VERSION;
import static io.runway.aws.dynamodb.ItemCodec.n;

import io.runway.core.error.ConflictException;
import io.runway.core.error.RunwayException;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One {@link StoreBatch} as DynamoDB writes. Everything whose outcome is checked (versioned records, the
 * fencing counter, purged lease records) goes into one {@code TransactWriteItems}, so the batch is all or
 * nothing; that is at most {@value #MAX_TRANSACTION_ITEMS} items, and a batch needing more is refused
 * whole. Audit events and the deletion of purged leases' events are unconditional: they ride in the same
 * transaction while it has room, and what does not fit is written right after it, before the commit
 * completes (a crash in between can lose those audit events or leave them to their TTL; never a record).
 */
final class BatchPlan {
    static final int MAX_TRANSACTION_ITEMS = 100;

    final List<TransactWriteItem> transaction = new ArrayList<>();
    /** Key of each transaction item, same order, for conflict messages. */
    final List<Map<String, AttributeValue>> keys = new ArrayList<>();
    /** Unconditional writes that did not fit into the transaction. */
    final List<WriteRequest> spill = new ArrayList<>();
    /** Whether the transaction raises the fencing counter. */
    boolean raisesFencing;

    /**
     * @param eventKeysOfPurged the keys of stored audit events of each purged lease
     * @param nextEventSortKey a fresh, increasing sort key for an audit event
     * @param writerId stamped on lease and resource items: the store instance writing them
     */
    static BatchPlan of(StoreBatch batch, String table, String writerId, long knownHighWater, long commitMillis,
                        Duration endedTtl, Duration auditTtl, Function<String, List<Map<String, AttributeValue>>> eventKeysOfPurged,
                        Supplier<String> nextEventSortKey) {
        requireDistinct(batch);
        BatchPlan plan = new BatchPlan();
        Set<String> purged = Set.copyOf(batch.purgedLeaseIds());
        // A lease's own state changes (granted, released, expired, ...) ride inside the lease item written with
        // them: one item per change instead of two. Each state is entered once, so the list stays short; other
        // events (renewals, resource moves) stay items of their own.
        Map<String, List<AttributeValue>> embedded = new HashMap<>();
        Set<String> written = new HashSet<>();
        batch.leases().forEach(l -> written.add(l.id()));
        List<Map.Entry<AuditEvent, String>> separate = new ArrayList<>(); // equal events may repeat
        for (AuditEvent event : batch.events()) {
            if (event.leaseId() == null || purged.contains(event.leaseId())) {
                continue;
            }
            String sortKey = nextEventSortKey.get(); // in batch order, wherever the event is stored
            if (written.contains(event.leaseId()) && isLeaseStateChange(event)) {
                embedded.computeIfAbsent(event.leaseId(), k -> new ArrayList<>()).add(ItemCodec.embeddedEvent(event, sortKey));
            } else {
                separate.add(Map.entry(event, sortKey));
            }
        }
        Duration leaseTtl = endedTtl.compareTo(auditTtl) >= 0 ? endedTtl : auditTtl;
        for (LeaseRecord lease : batch.leases()) {
            if (!purged.contains(lease.id())) { // put then purged in one batch: only the purge remains
                plan.update(table, ItemCodec.written(ItemCodec.lease(lease, commitMillis, leaseTtl), writerId), lease.version(),
                        embedded.getOrDefault(lease.id(), List.of()));
            }
        }
        for (ResourceRecord resource : batch.resources()) {
            plan.put(table, ItemCodec.written(ItemCodec.resource(resource, commitMillis), writerId), resource.version());
        }
        for (DocumentRecord document : batch.documents()) {
            if (document.isDeletion()) {
                Map<String, AttributeValue> key = ItemCodec.key(ItemCodec.documentPk(document.kind(), document.id()),
                        ItemCodec.RECORD_SK);
                plan.add(TransactWriteItem.builder().delete(d -> {
                    d.tableName(table).key(key).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                    versionCondition(document.version(), d::conditionExpression, d::expressionAttributeNames,
                            d::expressionAttributeValues);
                }).build(), key);
            } else {
                plan.put(table, ItemCodec.document(document), document.version());
            }
        }
        for (String leaseId : batch.purgedLeaseIds()) {
            Map<String, AttributeValue> key = ItemCodec.leaseKey(leaseId);
            plan.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build(), key);
        }
        if (batch.fencingHighWater() > knownHighWater) {
            // A max-register: refused (and the batch with it) when another controller already handed out
            // this token or a higher one, so tokens grow strictly across controllers.
            plan.raisesFencing = true;
            plan.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(FENCING_KEY)
                    .updateExpression("SET #hw = :hw")
                    .conditionExpression("attribute_not_exists(#hw) OR #hw < :hw")
                    .expressionAttributeNames(Map.of("#hw", HIGH_WATER))
                    .expressionAttributeValues(Map.of(":hw", n(batch.fencingHighWater())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                    FENCING_KEY);
        }
        if (plan.transaction.size() > MAX_TRANSACTION_ITEMS) {
            throw new RunwayException("batch_too_large", null, "DynamoDB TransactWriteItems on table " + table
                    + ": the batch has " + plan.transaction.size() + " checked writes; a transaction takes at most "
                    + MAX_TRANSACTION_ITEMS + " (commit fewer records at once)", false, null);
        }
        for (Map.Entry<AuditEvent, String> e : separate) {
            plan.unconditional(table, WriteRequest.builder().putRequest(p -> p.item(
                    ItemCodec.event(e.getKey(), e.getValue(), commitMillis, auditTtl))).build());
        }
        for (String leaseId : batch.purgedLeaseIds()) {
            for (Map<String, AttributeValue> eventKey : eventKeysOfPurged.apply(leaseId)) {
                plan.unconditional(table, WriteRequest.builder().deleteRequest(d -> d.key(eventKey)).build());
            }
        }
        return plan;
    }

    private void put(String table, Map<String, AttributeValue> item, long version) {
        Map<String, AttributeValue> key = ItemCodec.key(item.get(ItemCodec.PK).s(), item.get(ItemCodec.SK).s());
        add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(item).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            versionCondition(version, p::conditionExpression, p::expressionAttributeNames, p::expressionAttributeValues);
        }).build(), key);
    }

    /** A lease event that moves the lease to another state (not a renewal, not a resource's event). */
    private static boolean isLeaseStateChange(AuditEvent event) {
        return event.type().startsWith("lease.") && event.to() != null && !event.to().equals(event.from());
    }

    /**
     * A lease record as a conditional update: sets every field, removes absent optional ones, and appends
     * {@code events} to the item's embedded audit events (kept from earlier versions).
     */
    private void update(String table, Map<String, AttributeValue> item, long version, List<AttributeValue> events) {
        Map<String, AttributeValue> key = ItemCodec.key(item.get(ItemCodec.PK).s(), item.get(ItemCodec.SK).s());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (!key.containsKey(e.getKey())) {
                names.put("#a" + i, e.getKey());
                values.put(":a" + i, e.getValue());
                sets.add("#a" + i + " = :a" + i);
                i++;
            }
        }
        if (!events.isEmpty()) {
            names.put("#ev", ItemCodec.EMBEDDED_EVENTS);
            values.put(":ev", AttributeValue.fromL(events));
            values.put(":none", AttributeValue.fromL(List.of()));
            sets.add("#ev = list_append(if_not_exists(#ev, :none), :ev)");
        }
        List<String> removes = new ArrayList<>();
        for (String optional : ItemCodec.OPTIONAL_LEASE_FIELDS) {
            if (!item.containsKey(optional)) {
                names.put("#r" + removes.size(), optional);
                removes.add("#r" + removes.size());
            }
        }
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        String condition;
        if (version == 1) {
            condition = "attribute_not_exists(pk)";
        } else {
            condition = "#v = :prev";
            names.put("#v", VERSION);
            values.put(":prev", n(version - 1));
        }
        add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(), key);
    }

    /** Version 1 needs an absent item; version n needs exactly n - 1 stored. */
    private static void versionCondition(long version, Function<String, ?> condition,
                                         Function<Map<String, String>, ?> names,
                                         Function<Map<String, AttributeValue>, ?> values) {
        if (version == 1) {
            condition.apply("attribute_not_exists(pk)");
        } else {
            condition.apply("#v = :prev");
            names.apply(Map.of("#v", VERSION));
            values.apply(Map.of(":prev", n(version - 1)));
        }
    }

    private void add(TransactWriteItem item, Map<String, AttributeValue> key) {
        transaction.add(item);
        keys.add(key);
    }

    private void unconditional(String table, WriteRequest write) {
        if (transaction.size() < MAX_TRANSACTION_ITEMS) {
            TransactWriteItem item = write.putRequest() != null
                    ? TransactWriteItem.builder().put(p -> p.tableName(table).item(write.putRequest().item())).build()
                    : TransactWriteItem.builder().delete(d -> d.tableName(table).key(write.deleteRequest().key())).build();
            add(item, write.putRequest() != null ? ItemCodec.keysOnly(List.of(write.putRequest().item())).get(0)
                    : write.deleteRequest().key());
        } else {
            spill.add(write);
        }
    }

    /** DynamoDB cannot touch one item twice in a transaction; the SPI refuses it the same way everywhere. */
    private static void requireDistinct(StoreBatch batch) {
        Set<String> seen = new HashSet<>();
        for (LeaseRecord lease : batch.leases()) {
            if (!seen.add("L" + lease.id())) {
                throw new ConflictException("version_conflict", "lease " + lease.id() + " appears twice in one batch");
            }
        }
        for (ResourceRecord resource : batch.resources()) {
            if (!seen.add("R" + resource.id())) {
                throw new ConflictException("version_conflict", "resource " + resource.id() + " appears twice in one batch");
            }
        }
        for (DocumentRecord document : batch.documents()) {
            if (!seen.add("D" + document.key())) {
                throw new ConflictException("version_conflict", document.key() + " appears twice in one batch");
            }
        }
    }
}
