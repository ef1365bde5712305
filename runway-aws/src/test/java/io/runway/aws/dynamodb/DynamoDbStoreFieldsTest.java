package io.runway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.StoreBatch;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The typed-in fields of the DynamoDB store, and a store opened with credentials from its host. */
class DynamoDbStoreFieldsTest {

    @Test
    void tableIsRequiredAndFollowsDynamoDbsNamingRule() {
        assertThat(DynamoDbStoreFields.tableProblem(null)).isEqualTo("the DynamoDB table is required");
        assertThat(DynamoDbStoreFields.tableProblem("  ")).isEqualTo("the DynamoDB table is required");
        assertThat(DynamoDbStoreFields.tableProblem("ab")).contains("3-255 characters").contains("'ab'");
        assertThat(DynamoDbStoreFields.tableProblem("runway state")).contains("'runway state'");
        assertThat(DynamoDbStoreFields.tableProblem("runway-state")).isNull();
        assertThat(DynamoDbStoreFields.tableProblem("x".repeat(256))).isNotNull();
    }

    @Test
    void regionIsOptionalAndARegionCodeWhenSet() {
        assertThat(DynamoDbStoreFields.regionProblem("")).isNull();
        assertThat(DynamoDbStoreFields.regionProblem("eu-west-1")).isNull();
        assertThat(DynamoDbStoreFields.regionProblem("us-gov-west-1")).isNull();
        assertThat(DynamoDbStoreFields.regionProblem("Frankfurt")).contains("not an AWS region code").contains("'Frankfurt'");
        assertThat(DynamoDbStoreFields.regionProblem("eu-west")).isNotNull();
        assertThat(DynamoDbStoreFields.unknownRegion("eu-west-1")).isFalse();
        assertThat(DynamoDbStoreFields.unknownRegion("xx-nowhere-9")).isTrue();
        assertThat(DynamoDbStoreFields.unknownRegion("Frankfurt")).isFalse(); // an error, not a warning
    }

    @Test
    void endpointIsOptionalAndAnAbsoluteHttpUrlWhenSet() {
        assertThat(DynamoDbStoreFields.endpointProblem(null)).isNull();
        assertThat(DynamoDbStoreFields.endpointProblem("http://127.0.0.1:8000")).isNull();
        assertThat(DynamoDbStoreFields.endpointProblem("https://dynamodb.eu-west-1.amazonaws.com")).isNull();
        assertThat(DynamoDbStoreFields.endpointProblem("127.0.0.1:8000")).contains("absolute http(s) URL");
        assertThat(DynamoDbStoreFields.endpointProblem("ftp://host")).contains("absolute http(s) URL");
        assertThat(DynamoDbStoreFields.endpointProblem("http://a b")).contains("Illegal character");
    }

    @Test
    void settingsCarryTheFieldsAndNameTheBadOne() {
        DynamoDbStoreSettings s = DynamoDbStoreFields.settings("store.", " runway-state ", "eu-west-1",
                "http://127.0.0.1:8000", false);
        assertThat(s.table()).isEqualTo("runway-state");
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(s.createTable()).isFalse();

        DynamoDbStoreSettings defaults = DynamoDbStoreFields.settings("store.", "runway-state", "", null, true);
        assertThat(defaults.region()).isNull();
        assertThat(defaults.endpoint()).isNull();
        assertThat(defaults.createTable()).isTrue();

        assertThatThrownBy(() -> DynamoDbStoreFields.settings("store.", "runway-state", "nowhere", null, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("store.region: not an AWS region code")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("store.region");
        assertThatThrownBy(() -> DynamoDbStoreFields.settings("store.", "", "eu-west-1", null, true))
                .hasMessage("store.table: the DynamoDB table is required");
    }

    @Test
    void aStoreOpenedWithHostCredentialsSignsWithThemAndKeepsWhatItCommitted() {
        AtomicInteger asked = new AtomicInteger();
        AwsCredentialsProvider host = new AwsCredentialsProvider() {
            @Override
            public AwsCredentials resolveCredentials() {
                asked.incrementAndGet();
                return AwsBasicCredentials.create("jenkinsKey", "jenkinsSecret") /* DynamoDB Local takes letters and digits only */;
            }
        };
        try (DynamoDbLocal local = DynamoDbLocal.start()) {
            DynamoDbStoreSettings settings = DynamoDbStoreFields.settings("store.", "runway-host-credentials",
                    "us-east-1", local.endpoint().toString(), true);
            try (DynamoDbStateStore store = DynamoDbStateStore.open(settings, host, Clock.systemUTC())) {
                store.load();
                store.commit(StoreBatch.ofDocuments(List.of(new DocumentRecord("note", "n1", 1, "hello")))).join();
            }
            assertThat(asked.get()).as("requests were signed with the host's credentials").isPositive();
            try (DynamoDbStateStore again = DynamoDbStateStore.open(settings, host, Clock.systemUTC())) {
                assertThat(again.load().documents("note").get("n1").body()).isEqualTo("hello");
            }
        }
    }
}
