package io.runway.aws.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds the SDK client the store uses from its settings: region, endpoint, credentials, retries. */
public final class DynamoDbClients {
    private DynamoDbClients() {}

    public static DynamoDbClient create(DynamoDbStoreSettings settings) {
        return create(settings, null);
    }

    /**
     * A client whose credentials come from {@code credentials} (a host's own credential store, e.g. Jenkins'
     * AWS credentials), or, when null, from the settings' profile and role or the default chain.
     */
    public static DynamoDbClient create(DynamoDbStoreSettings settings, AwsCredentialsProvider credentials) {
        Region region = settings.region() == null ? null : Region.of(settings.region());
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .credentialsProvider(credentials != null ? credentials : credentials(settings, region))
                // Throttling, 5xx and I/O errors are retried with the SDK's standard backoff and jitter.
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(settings.maxAttempts())));
        if (region != null) {
            builder.region(region);
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(DynamoDbStoreSettings settings, Region region) {
        AwsCredentialsProvider base = settings.profile() == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
        if (settings.roleArn() == null) {
            return base;
        }
        var sts = StsClient.builder().credentialsProvider(base).httpClientBuilder(ApacheHttpClient.builder());
        if (region != null) {
            sts.region(region);
        }
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName("runway-state-store"))
                .build();
    }
}
