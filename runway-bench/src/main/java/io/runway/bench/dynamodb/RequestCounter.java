package io.runway.bench.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts the DynamoDB requests one SDK client sends, by operation (every HTTP attempt, retries included), and
 * the items they write: a {@code TransactWriteItems} writes each of its items (condition checks included, they
 * are items of the transaction too), a {@code BatchWriteItem} each of its requests, the other writes one.
 * DynamoDB Local's cost grows with items written, whichever request carries them; DynamoDB bills by item too.
 */
final class RequestCounter implements ExecutionInterceptor {
    static final Set<String> WRITES = Set.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
    static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final LongAdder itemsWritten = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
        itemsWritten.add(itemsWrittenBy(context.request()));
    }

    static int itemsWrittenBy(SdkRequest request) {
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.transactItems().size();
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return batch.requestItems().values().stream().mapToInt(List::size).sum();
        }
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest) {
            return 1;
        }
        return 0;
    }

    long itemsWritten() {
        return itemsWritten.sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byOperation.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }

    static long sum(Map<String, Long> before, Map<String, Long> after, Set<String> operations) {
        long n = 0;
        for (String op : operations) {
            n += after.getOrDefault(op, 0L) - before.getOrDefault(op, 0L);
        }
        return n;
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((op, n) -> {
            long d = n - before.getOrDefault(op, 0L);
            if (d > 0) {
                out.put(op, d);
            }
        });
        return out;
    }
}
