package io.runway.aws.dynamodb;

import io.runway.core.error.ConflictException;
import io.runway.core.error.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sends a {@link BatchPlan}: the transaction, then the spilled unconditional writes. A failed condition
 * becomes {@code ConflictException} naming each item that did not hold the expected version (and the
 * version it held). A transaction cancelled only because another transaction touched the same items at the
 * same moment ({@code TransactionConflict}) decided nothing, so it is sent again after a short backoff.
 */
final class TransactionRunner {
    private static final int MAX_TRANSACTION_CONFLICT_RETRIES = 8;

    private final DynamoDbClient client;
    private final String table;

    TransactionRunner(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    void run(BatchPlan plan) {
        if (!plan.transaction.isEmpty()) {
            transact(plan);
        }
        for (int from = 0; from < plan.spill.size(); from += 25) {
            batchWrite(plan.spill.subList(from, Math.min(plan.spill.size(), from + 25)));
        }
    }

    private void transact(BatchPlan plan) {
        for (int attempt = 0; ; attempt++) {
            try {
                client.transactWriteItems(r -> r.transactItems(plan.transaction));
                return;
            } catch (TransactionCanceledException cancelled) {
                List<String> conflicts = conflicts(plan, cancelled);
                if (!conflicts.isEmpty()) {
                    throw new ConflictException("version_conflict", "DynamoDB TransactWriteItems on table " + table
                            + ": " + String.join("; ", conflicts) + "; nothing of the batch was applied");
                }
                if (!onlyTransactionConflicts(cancelled) || attempt >= MAX_TRANSACTION_CONFLICT_RETRIES) {
                    throw new UnavailableException("DynamoDB TransactWriteItems on table " + table + " was cancelled: "
                            + reasons(cancelled) + "; nothing of the batch was applied", cancelled);
                }
                backOff(attempt, true);
            } catch (RuntimeException e) {
                throw DynamoDbErrors.translate("TransactWriteItems", table, plan.transaction.size() + " items", e);
            }
        }
    }

    private static List<String> conflicts(BatchPlan plan, TransactionCanceledException cancelled) {
        List<String> out = new ArrayList<>();
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        for (int i = 0; i < reasons.size() && i < plan.keys.size(); i++) {
            CancellationReason reason = reasons.get(i);
            if ("ConditionalCheckFailed".equals(reason.code())) {
                Map<String, AttributeValue> old = reason.item();
                String held;
                if (old == null || old.isEmpty()) {
                    held = "the store holds nothing";
                } else if (old.containsKey(ItemCodec.VERSION)) {
                    held = "the store holds version " + old.get(ItemCodec.VERSION).n();
                } else if (old.containsKey(ItemCodec.HIGH_WATER)) {
                    held = "another controller already handed out fencing token " + old.get(ItemCodec.HIGH_WATER).n();
                } else {
                    held = "the stored item differs";
                }
                out.add(ItemCodec.describe(plan.keys.get(i)) + ": not the next version (" + held + ")");
            }
        }
        return out;
    }

    private static boolean onlyTransactionConflicts(TransactionCanceledException cancelled) {
        return cancelled.cancellationReasons().stream()
                .allMatch(r -> "None".equals(r.code()) || r.code() == null || "TransactionConflict".equals(r.code()));
    }

    private static String reasons(TransactionCanceledException cancelled) {
        return cancelled.cancellationReasons().stream().map(r -> r.code() + (r.message() == null ? "" : " " + r.message()))
                .filter(r -> !r.startsWith("None")).toList().toString();
    }

    private void batchWrite(List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        try {
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> ask = pending;
                pending = client.batchWriteItem(r -> r.requestItems(ask)).unprocessedItems();
                backOff(attempt, !pending.isEmpty());
            }
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("BatchWriteItem", table, writes.size() + " audit writes", e);
        }
    }

    /** Exponential backoff with jitter between attempts at unprocessed or conflicting writes. */
    static void backOff(int attempt, boolean needed) {
        if (!needed) {
            return;
        }
        if (attempt >= 10) {
            throw new UnavailableException("DynamoDB kept items unprocessed after " + attempt + " attempts", null);
        }
        long ceiling = Math.min(1000, 10L << attempt);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while backing off", e);
        }
    }
}
