package io.runway.aws.client;

import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where and as whom runway talks to AWS. Credentials come from the SDK's default provider chain
 * (environment, system properties, shared files, container or instance role) unless a named
 * {@code profile} is given; a {@code roleArn} is then assumed through STS on top of them.
 *
 * @param region e.g. {@code eu-west-1}; required, never guessed
 * @param profile a named profile of the shared config/credentials files, or null for the default chain
 * @param roleArn a role to assume with STS, or null to act as the base credentials
 * @param roleSessionName the STS session name (shows in CloudTrail), {@code runway} when null
 * @param endpoint one endpoint for every service (an emulator in tests), or null for the real AWS
 *     endpoints of the region
 * @param maxAttempts attempts per call, first one included, under the SDK's standard retry strategy
 *     (exponential backoff with jitter, retry quota); 1 turns retries off
 * @param apiCallTimeout the longest one call may take with all its retries
 */
public record AwsClientOptions(String region, String profile, String roleArn, String roleSessionName, URI endpoint,
                               int maxAttempts, Duration apiCallTimeout) {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION = Pattern.compile("[\\w+=,.@-]{2,64}");

    public AwsClientOptions {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidInputException("aws.region", "must be an AWS region such as eu-west-1, was '" + region + "'");
        }
        if (profile != null && !profile.matches("[\\w.+@-]{1,64}")) {
            throw new InvalidInputException("aws.profile", "must be a profile name of letters, digits and ._+@-");
        }
        if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
            throw new InvalidInputException("aws.roleArn", "must be an IAM role ARN such as"
                    + " arn:aws:iam::123456789012:role/runway, was '" + roleArn + "'");
        }
        roleSessionName = roleSessionName == null ? "runway" : roleSessionName;
        if (!SESSION.matcher(roleSessionName).matches()) {
            throw new InvalidInputException("aws.roleSessionName", "must be 2-64 characters of letters, digits and _+=,.@-");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !endpoint.getScheme().matches("https?"))) {
            throw new InvalidInputException("aws.endpoint", "must be an http(s) URL such as http://127.0.0.1:5000");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new InvalidInputException("aws.maxAttempts", "must be between 1 and 20, was " + maxAttempts);
        }
        if (apiCallTimeout == null || apiCallTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || apiCallTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidInputException("aws.apiCallTimeout", "must be between 1s and 10m");
        }
    }

    /** The default chain in {@code region}, real endpoints, 5 attempts, 2 minutes per call. */
    public static AwsClientOptions of(String region) {
        return new AwsClientOptions(region, null, null, null, null, 5, Duration.ofMinutes(2));
    }

    public AwsClientOptions withProfile(String newProfile) {
        return new AwsClientOptions(region, newProfile, roleArn, roleSessionName, endpoint, maxAttempts, apiCallTimeout);
    }

    public AwsClientOptions withRole(String newRoleArn, String sessionName) {
        return new AwsClientOptions(region, profile, newRoleArn, sessionName, endpoint, maxAttempts, apiCallTimeout);
    }

    public AwsClientOptions withEndpoint(URI newEndpoint) {
        return new AwsClientOptions(region, profile, roleArn, roleSessionName, newEndpoint, maxAttempts, apiCallTimeout);
    }

    public AwsClientOptions withMaxAttempts(int attempts) {
        return new AwsClientOptions(region, profile, roleArn, roleSessionName, endpoint, attempts, apiCallTimeout);
    }
}
