package io.runway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

    /**
     * A lease's own state changes ride inside its lease item (one transaction item per grant or release);
     * renewals and resource events stay items of their own; the trail reads back merged in commit order, and
     * the ended lease item lives as long as audit events do.
     */
    @Test
    void leaseStateChangesAreEmbeddedInTheLeaseItem() throws Exception {
        StateStore store = openStore();
        try {
            Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
            LeaseRecord granted = new LeaseRecord("L1", 1, "alice", "th", 7, LeaseState.ACTIVE, List.of("r1"), 0,
                    t0, t0, t0.plusSeconds(60), null, null);
            AuditEvent grant = new AuditEvent(t0, "L1", null, "lease.granted", "alice", "WAITING", "ACTIVE", "granted r1");
            store.commit(new StoreBatch(List.of(granted), List.of(new ResourceRecord("r1", 1, "p", ResourceState.LEASED,
                    "L1", t0, 7)), List.of(grant), List.of(), 7)).get();
            AuditEvent renew = new AuditEvent(t0.plusSeconds(1), "L1", null, "lease.renewed", "alice", "ACTIVE", "ACTIVE", "+60s");
            store.commit(new StoreBatch(List.of(new LeaseRecord("L1", 2, "alice", "th", 7, LeaseState.ACTIVE,
                    List.of("r1"), 0, t0, t0, t0.plusSeconds(61), null, null)), List.of(), List.of(renew), List.of(), 7)).get();
            AuditEvent moved = new AuditEvent(t0.plusSeconds(2), "L1", "r1", "resource.state", "engine", "LEASED", "FREE", "returned");
            AuditEvent release = new AuditEvent(t0.plusSeconds(2), "L1", null, "lease.released", "alice", "ACTIVE", "RELEASED", "done");
            LeaseRecord released = new LeaseRecord("L1", 3, "alice", "th", 7, LeaseState.RELEASED, List.of("r1"), 0,
                    t0, t0, t0.plusSeconds(61), t0.plusSeconds(2), "done");
            store.commit(new StoreBatch(List.of(released), List.of(new ResourceRecord("r1", 2, "p", ResourceState.FREE,
                    null, t0.plusSeconds(2), 7)), List.of(moved, release), List.of(), 7)).get();

            assertThat(store.events("L1")).containsExactly(grant, renew, moved, release);
            assertThat(store.load().leases().get("L1")).isEqualTo(released);
            List<Map<String, AttributeValue>> partition = client.query(r -> r.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("L#L1"))))
                    .items();
            assertThat(partition).hasSize(3); // the lease item, the renewal, the resource's move
            Map<String, AttributeValue> leaseItem = partition.get(0);
            assertThat(leaseItem.get("ev").l()).hasSize(2);
            long ttl = Long.parseLong(leaseItem.get("ttl").n());
            assertThat(ttl).isGreaterThanOrEqualTo(Instant.now().getEpochSecond()
                    + DynamoDbStoreSettings.DEFAULT_AUDIT_TTL.getSeconds() - 60);
        } finally {
            store.close();
        }
    }
}
