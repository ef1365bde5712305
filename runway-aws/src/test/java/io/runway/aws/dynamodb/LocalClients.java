package io.runway.aws.dynamodb;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SDK clients for DynamoDB Local: fixed dummy credentials, a fixed region, the loopback endpoint. */
public final class LocalClients {
    private LocalClients() {}

    public static DynamoDbClient client(DynamoDbLocal local, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(local.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }
}
