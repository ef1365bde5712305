package io.runway.aws.dynamodb;

import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * The DynamoDB store's settings as a person types them (a form, a YAML file): each field checked on its own with
 * a message that names it, then turned into {@link DynamoDbStoreSettings}. Blank optional fields mean "not set".
 * Hosts (the Jenkins plugin's DynamoDB store choice) use it so their checks and the store agree.
 */
public final class DynamoDbStoreFields {
    /** DynamoDB's own rule for table names. */
    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    /** Region codes: {@code eu-west-1}, {@code us-gov-west-1}, {@code cn-north-1}, {@code ap-southeast-5}. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    private DynamoDbStoreFields() {}

    /** Null when {@code table} is a valid DynamoDB table name, else why not. */
    public static String tableProblem(String table) {
        if (isBlank(table)) {
            return "the DynamoDB table is required";
        }
        if (!TABLE.matcher(table.strip()).matches()) {
            return "DynamoDB table names are 3-255 characters of a-z A-Z 0-9 _ . - (got '" + table.strip() + "')";
        }
        return null;
    }

    /** Null when {@code region} is blank (the SDK's region chain) or looks like a region code, else why not. */
    public static String regionProblem(String region) {
        if (isBlank(region)) {
            return null;
        }
        if (!REGION.matcher(region.strip()).matches()) {
            return "not an AWS region code such as eu-west-1: '" + region.strip() + "'";
        }
        return null;
    }

    /**
     * True when {@code region} is well formed but not one this SDK version knows (a new region works, a typo
     * fails at the first request): worth a warning, not a refusal.
     */
    public static boolean unknownRegion(String region) {
        return !isBlank(region) && regionProblem(region) == null && !Region.regions().contains(Region.of(region.strip()));
    }

    /** Null when {@code endpoint} is blank (the regional endpoint) or an absolute http(s) URL, else why not. */
    public static String endpointProblem(String endpoint) {
        if (isBlank(endpoint)) {
            return null;
        }
        try {
            URI uri = new URI(endpoint.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "not an absolute http(s) URL such as http://127.0.0.1:8000: '" + endpoint.strip() + "'";
            }
            return null;
        } catch (URISyntaxException e) {
            return "not an absolute http(s) URL such as http://127.0.0.1:8000: '" + endpoint.strip() + "' ("
                    + e.getReason() + ")";
        }
    }

    /**
     * The settings for these fields, the table created on first use when {@code createTable}; a bad field is an
     * {@link InvalidInputException} naming {@code fieldPrefix + field} (e.g. {@code store.table}).
     */
    public static DynamoDbStoreSettings settings(String fieldPrefix, String table, String region, String endpoint,
                                                 boolean createTable) {
        check(fieldPrefix + "table", tableProblem(table));
        check(fieldPrefix + "region", regionProblem(region));
        check(fieldPrefix + "endpoint", endpointProblem(endpoint));
        DynamoDbStoreSettings settings = DynamoDbStoreSettings.forTable(table.strip()).withCreateTable(createTable);
        if (!isBlank(region)) {
            settings = settings.withRegion(region.strip());
        }
        if (!isBlank(endpoint)) {
            settings = settings.withEndpoint(URI.create(endpoint.strip()));
        }
        return settings;
    }

    private static void check(String field, String problem) {
        if (problem != null) {
            throw new InvalidInputException(field, field + ": " + problem);
        }
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
