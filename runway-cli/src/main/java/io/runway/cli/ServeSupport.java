package io.runway.cli;

import io.runway.aws.dynamodb.DynamoDbStoreSettings;
import io.runway.aws.dynamodb.DynamoDbStateStore;
import io.runway.core.error.InvalidInputException;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.spec.PoolsConfigValidator;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecReader;
import io.runway.core.spec.SpecResult;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The two seams of {@code runway serve}: reading the pools config and opening the durable store. */
final class ServeSupport {
    private ServeSupport() {}

    /** Reads and validates the pools config; problems come back as {@code FILE:LINE:COL: field.path: message} lines. */
    static PoolsConfig readConfig(Path file) {
        SpecResult<PoolsConfig> result = new SpecReader<>(PoolsConfig.class, new PoolsConfigValidator()).readFile(file);
        if (!result.isValid()) {
            throw new InvalidInputException(null, result.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        return result.value();
    }

    /** Opens the crash-safe embedded store in {@code stateDir}. */
    static StateStore openStore(Path stateDir) {
        return EmbeddedStateStore.open(stateDir);
    }

    /**
     * Opens the store {@code --store} names: {@code embedded} in {@code stateDir}, or {@code dynamodb} from the
     * DynamoDB options (the table is created when missing).
     */
    static StateStore openStore(String kind, Path stateDir, DynamoDbOptions dynamoDb) {
        switch (kind) {
            case "embedded":
                if (dynamoDb.table != null) {
                    throw new InvalidInputException("--dynamodb-table", "--dynamodb-table needs --store dynamodb");
                }
                return openStore(stateDir);
            case "dynamodb":
                return DynamoDbStateStore.open(dynamoDb.settings(), java.time.Clock.systemUTC());
            default:
                throw new InvalidInputException("--store", "--store must be embedded or dynamodb, not '" + kind + "'");
        }
    }

    /** {@code runway serve} options of the DynamoDB store; credentials come from the default AWS chain. */
    static final class DynamoDbOptions {
        @picocli.CommandLine.Option(names = "--dynamodb-table", description = "DynamoDB table of the state.")
        String table;

        @picocli.CommandLine.Option(names = "--aws-region", description = "AWS region (default: the SDK's region chain).")
        String region;

        @picocli.CommandLine.Option(names = "--aws-endpoint",
                description = "Endpoint override, e.g. http://127.0.0.1:8000 for DynamoDB Local.")
        String endpoint;

        @picocli.CommandLine.Option(names = "--aws-profile", description = "Named profile of ~/.aws/config.")
        String profile;

        @picocli.CommandLine.Option(names = "--aws-role-arn", description = "Role to assume through STS.")
        String roleArn;

        DynamoDbStoreSettings settings() {
            if (table == null) {
                throw new InvalidInputException("--dynamodb-table", "--store dynamodb needs --dynamodb-table");
            }
            DynamoDbStoreSettings settings;
            try {
                settings = DynamoDbStoreSettings.forTable(table).withRegion(region).withProfile(profile)
                        .withRoleArn(roleArn);
                if (endpoint != null) {
                    java.net.URI uri = java.net.URI.create(endpoint);
                    if (uri.getScheme() == null || uri.getHost() == null) {
                        throw new IllegalArgumentException("not an absolute http(s) URL: " + endpoint);
                    }
                    settings = settings.withEndpoint(uri);
                }
            } catch (IllegalArgumentException e) {
                String field = e.getMessage() != null && e.getMessage().contains("table") ? "--dynamodb-table" : "--aws-endpoint";
                throw new InvalidInputException(field, field + ": " + e.getMessage());
            }
            return settings;
        }
    }
}
