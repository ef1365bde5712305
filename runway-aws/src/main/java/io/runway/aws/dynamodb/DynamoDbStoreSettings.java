package io.runway.aws.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the DynamoDB state store lives and how to reach it.
 *
 * @param table the table name (created on first use when {@code createTable} is set)
 * @param region AWS region, or null for the SDK's default region chain ({@code AWS_REGION}, profile, ...)
 * @param endpoint endpoint override (DynamoDB Local, a VPC endpoint), or null for the regional endpoint
 * @param profile named profile from {@code ~/.aws/config}, or null for the default credentials chain
 * @param roleArn role to assume through STS on top of those credentials, or null
 * @param createTable create the table (with its index and TTL) when it does not exist
 * @param endedLeaseTtl how long DynamoDB keeps an ended lease record before its TTL deletes it; the engine
 *     normally purges it earlier (its retention), so this is the backstop for a controller that is gone
 * @param auditTtl how long audit events are kept (TTL from the event's time); both TTLs count from the commit
 *     instead when the record's time is older (DynamoDB may delete an item as soon as its TTL has passed)
 * @param maxAttempts attempts per request, the SDK's standard retry strategy with backoff in between
 */
public record DynamoDbStoreSettings(String table, String region, URI endpoint, String profile, String roleArn,
                                    boolean createTable, Duration endedLeaseTtl, Duration auditTtl, int maxAttempts) {
    public static final Duration DEFAULT_ENDED_LEASE_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_AUDIT_TTL = Duration.ofDays(90);

    public DynamoDbStoreSettings {
        Objects.requireNonNull(table, "table");
        if (!table.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("DynamoDB table names are 3-255 characters of a-z A-Z 0-9 _ . -: " + table);
        }
        Objects.requireNonNull(endedLeaseTtl, "endedLeaseTtl");
        Objects.requireNonNull(auditTtl, "auditTtl");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** Default chain for region and credentials, the table created when missing. */
    public static DynamoDbStoreSettings forTable(String table) {
        return new DynamoDbStoreSettings(table, null, null, null, null, true, DEFAULT_ENDED_LEASE_TTL,
                DEFAULT_AUDIT_TTL, 5);
    }

    public DynamoDbStoreSettings withRegion(String newRegion) {
        return new DynamoDbStoreSettings(table, newRegion, endpoint, profile, roleArn, createTable, endedLeaseTtl,
                auditTtl, maxAttempts);
    }

    public DynamoDbStoreSettings withEndpoint(URI newEndpoint) {
        return new DynamoDbStoreSettings(table, region, newEndpoint, profile, roleArn, createTable, endedLeaseTtl,
                auditTtl, maxAttempts);
    }

    public DynamoDbStoreSettings withProfile(String newProfile) {
        return new DynamoDbStoreSettings(table, region, endpoint, newProfile, roleArn, createTable, endedLeaseTtl,
                auditTtl, maxAttempts);
    }

    public DynamoDbStoreSettings withRoleArn(String newRoleArn) {
        return new DynamoDbStoreSettings(table, region, endpoint, profile, newRoleArn, createTable, endedLeaseTtl,
                auditTtl, maxAttempts);
    }

    public DynamoDbStoreSettings withCreateTable(boolean create) {
        return new DynamoDbStoreSettings(table, region, endpoint, profile, roleArn, create, endedLeaseTtl, auditTtl,
                maxAttempts);
    }
}
