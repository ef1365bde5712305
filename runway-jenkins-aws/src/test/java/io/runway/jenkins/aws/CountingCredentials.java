package io.runway.jenkins.aws;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Credentials that count how often the SDK asks for them: proof that requests were signed with these. */
final class CountingCredentials implements AwsCredentialsProvider {
    private final AwsCredentials credentials;
    private final AtomicInteger asked = new AtomicInteger();

    CountingCredentials(AwsCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        asked.incrementAndGet();
        return credentials;
    }

    int asked() {
        return asked.get();
    }
}
