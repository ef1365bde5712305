package io.runway.bench.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class RequestCounterTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("a"));

    @Test
    void aTransactionWritesEachOfItsItemsConditionChecksIncluded() {
        TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("t").item(KEY)).build(),
                TransactWriteItem.builder().update(u -> u.tableName("t").key(KEY).updateExpression("SET x = :x")).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("t").key(KEY).conditionExpression("attribute_exists(pk)")).build())
                .build();
        assertEquals(3, RequestCounter.itemsWrittenBy(transaction));
    }

    @Test
    void aBatchWritesEachRequestOfEveryTable() {
        WriteRequest put = WriteRequest.builder().putRequest(p -> p.item(KEY)).build();
        WriteRequest delete = WriteRequest.builder().deleteRequest(d -> d.key(KEY)).build();
        BatchWriteItemRequest batch = BatchWriteItemRequest.builder()
                .requestItems(Map.of("t1", List.of(put, delete), "t2", List.of(put))).build();
        assertEquals(3, RequestCounter.itemsWrittenBy(batch));
    }

    @Test
    void singleItemWritesCountOneAndReadsNone() {
        assertEquals(1, RequestCounter.itemsWrittenBy(PutItemRequest.builder().tableName("t").item(KEY).build()));
        assertEquals(1, RequestCounter.itemsWrittenBy(DeleteItemRequest.builder().tableName("t").key(KEY).build()));
        assertEquals(0, RequestCounter.itemsWrittenBy(GetItemRequest.builder().tableName("t").key(KEY).build()));
    }
}
