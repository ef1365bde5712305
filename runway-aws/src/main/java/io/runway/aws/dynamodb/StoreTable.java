package io.runway.aws.dynamodb;

import static io.runway.aws.dynamodb.ItemCodec.CHANGES_INDEX;
import static io.runway.aws.dynamodb.ItemCodec.CHANGES_PK;
import static io.runway.aws.dynamodb.ItemCodec.CHANGES_SK;
import static io.runway.aws.dynamodb.ItemCodec.PK;
import static io.runway.aws.dynamodb.ItemCodec.SK;
import static io.runway.aws.dynamodb.ItemCodec.TTL;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the store's table (keys, the sparse {@code changes} index, TTL on {@code ttl}) when it is missing. */
final class StoreTable {
    private StoreTable() {}

    static void ensure(DynamoDbClient client, String table) {
        try {
            client.describeTable(r -> r.tableName(table));
            return;
        } catch (ResourceNotFoundException missing) {
            // created below
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("DescribeTable", table, null, e);
        }
        try {
            client.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr(PK, ScalarAttributeType.S), attr(SK, ScalarAttributeType.S),
                            attr(CHANGES_PK, ScalarAttributeType.S), attr(CHANGES_SK, ScalarAttributeType.N))
                    .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(CHANGES_INDEX)
                            .keySchema(key(CHANGES_PK, KeyType.HASH), key(CHANGES_SK, KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        } catch (ResourceInUseException raced) {
            // another controller created it first
        } catch (RuntimeException e) {
            throw DynamoDbErrors.translate("CreateTable", table, null, e);
        }
        try {
            client.waiter().waitUntilTableExists(r -> r.tableName(table));
            client.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("TimeToLive is already enabled")) {
                throw DynamoDbErrors.translate("UpdateTimeToLive", table, null, e);
            }
        }
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
