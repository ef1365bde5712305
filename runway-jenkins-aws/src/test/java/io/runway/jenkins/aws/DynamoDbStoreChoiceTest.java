package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.dynamodb.DynamoDbLocal;
import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.spec.SpecKind;
import io.runway.jenkins.StoreChoice;
import io.runway.jenkins.host.RunwayHost;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The DynamoDB store choice bound the way the form and JCasC bind it, and opened against DynamoDB Local. */
class DynamoDbStoreChoiceTest {
    private static DynamoDbLocal local;
    @TempDir
    Path dir;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        local.close();
    }

    @Test
    void bindsEveryFieldAndDescribesTheStoreSettings() {
        DynamoDbStoreChoice c = new DynamoDbStoreChoice(" runway-state ");
        c.setRegion("eu-west-1 ");
        c.setCredentialsId(" runway-aws ");
        c.setEndpoint("http://127.0.0.1:8000");
        c.setCreateTable(false);

        assertThat(c).isInstanceOf(StoreChoice.class);
        assertThat(c.getTable()).isEqualTo("runway-state");
        assertThat(c.getRegion()).isEqualTo("eu-west-1");
        assertThat(c.getCredentialsId()).isEqualTo("runway-aws");
        assertThat(c.getEndpoint()).isEqualTo("http://127.0.0.1:8000");
        assertThat(c.isCreateTable()).isFalse();
        assertThat(c.settings().table()).isEqualTo("runway-state");
        assertThat(c.settings().region()).isEqualTo("eu-west-1");
        assertThat(c.settings().endpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(c.settings().createTable()).isFalse();
    }

    @Test
    void defaultsAreTheControllersChainsAndTheTableCreatedOnFirstUse() {
        DynamoDbStoreChoice c = new DynamoDbStoreChoice("runway-state");
        assertThat(c.getRegion()).isEmpty();
        assertThat(c.getCredentialsId()).isEmpty();
        assertThat(c.getEndpoint()).isEmpty();
        assertThat(c.isCreateTable()).isTrue();
        assertThat(c.settings().region()).isNull();
        assertThat(c.settings().endpoint()).isNull();
        c.setRegion(null);
        c.setEndpoint(null);
        c.setCredentialsId(null);
        assertThat(c.getRegion()).isEmpty();
        assertThat(c.getEndpoint()).isEmpty();
        assertThat(c.getCredentialsId()).isEmpty();
    }

    @Test
    void refusesABadFieldNamingItAndKeepsTheOldValue() {
        assertThatThrownBy(() -> new DynamoDbStoreChoice(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("store.table: the DynamoDB table is required")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("store.table");
        assertThatThrownBy(() -> new DynamoDbStoreChoice("runway state"))
                .hasMessageStartingWith("store.table: DynamoDB table names are 3-255 characters");

        DynamoDbStoreChoice c = new DynamoDbStoreChoice("runway-state");
        c.setRegion("eu-west-1");
        assertThatThrownBy(() -> c.setRegion("Ireland"))
                .hasMessage("store.region: not an AWS region code such as eu-west-1: 'Ireland'")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("store.region");
        assertThat(c.getRegion()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> c.setEndpoint("localhost:8000"))
                .hasMessageStartingWith("store.endpoint: not an absolute http(s) URL")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("store.endpoint");
        assertThat(c.getEndpoint()).isEmpty();
    }

    @Test
    void blankCredentialsIdIsTheDefaultChainAndLooksNothingUp() {
        DynamoDbStoreChoice c = new DynamoDbStoreChoice("runway-state");
        List<String> asked = new ArrayList<>();
        assertThat(c.credentials(id -> {
            asked.add(id);
            return null;
        })).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void anUnknownCredentialsIdIsRefusedByNameBeforeAnyAwsCall() {
        DynamoDbStoreChoice c = new DynamoDbStoreChoice("runway-state");
        c.setCredentialsId("gone");
        c.setEndpoint("http://127.0.0.1:1"); // nothing listens: a request would fail differently
        assertThatThrownBy(() -> c.open(id -> null, Clock.systemUTC()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("store.credentialsId: no AWS credentials with id 'gone'")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("store.credentialsId");
    }

    @Test
    void opensTheSharedStoreWithTheNamedCredentialsAndRunsAHostOnIt() throws Exception {
        // DynamoDB Local takes keys of letters and digits only
        CountingCredentials jenkinsCredentials = new CountingCredentials(AwsBasicCredentials.create("runwayKey", "runwaySecret"));
        AwsCredentialsLookup lookup = Map.of("runway-aws", jenkinsCredentials)::get;
        DynamoDbStoreChoice c = new DynamoDbStoreChoice("runway-jenkins-host");
        c.setRegion("us-east-1");
        c.setCredentialsId("runway-aws");
        c.setEndpoint(local.endpoint().toString());

        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "runway-aws-test");
            t.setDaemon(true);
            return t;
        });
        var pools = SpecKind.POOLS.reader().read("test pools", """
                pools:
                  - name: solo
                    resources:
                      - name: solo-1
                """).orThrow();
        try {
            String leaseId;
            try (RunwayHost host = RunwayHost.open(dir, c.open(lookup, Clock.systemUTC()), pools, Clock.systemUTC(),
                    executor, EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(100))) {
                Grant g = host.leases().acquire(LeaseRequest.of("build:job#1", "solo", Duration.ofMinutes(10)))
                        .get(30, TimeUnit.SECONDS);
                leaseId = g.lease().id();
            }
            assertThat(jenkinsCredentials.asked()).as("requests signed with the credentials found by id").isPositive();
            // Another controller (here: the next start) on the same table sees the lease.
            try (RunwayHost again = RunwayHost.open(dir, c.open(lookup, Clock.systemUTC()), pools, Clock.systemUTC(),
                    executor, EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(100))) {
                assertThat(again.leases().lease(leaseId)).hasValueSatisfying(
                        l -> assertThat(l.owner()).isEqualTo("build:job#1"));
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
