package io.runway.aws.dynamodb;

import io.runway.core.store.StateStore;
import io.runway.core.store.StateStoreContract;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store TCK against DynamoDB Local over HTTP; each test gets a fresh table. */
class DynamoDbStateStoreTest extends StateStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocal local;
    private static DynamoDbClient client;
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

    @Override
    protected StateStore openStore() {
        table = "runway-tck-" + TABLES.incrementAndGet();
        return DynamoDbStateStore.open(client, DynamoDbStoreSettings.forTable(table), Clock.systemUTC());
    }

    @Override
    protected boolean durableAcrossReopen() {
        return true;
    }

    @Override
    protected StateStore reopenStore() {
        return DynamoDbStateStore.open(client, DynamoDbStoreSettings.forTable(table), Clock.systemUTC());
    }
}
