package io.runway.jenkins.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Finds AWS credentials by their Jenkins credentials id. In Jenkins: {@link JenkinsAwsCredentials#find}; in tests,
 * a map. Kept apart so the store choice's open path runs without Jenkins.
 */
@FunctionalInterface
public interface AwsCredentialsLookup {
    /** The credentials with {@code id}, or null when there are none. */
    AwsCredentialsProvider find(String id);
}
