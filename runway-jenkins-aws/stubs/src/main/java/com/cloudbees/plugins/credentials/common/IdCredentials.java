package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java}.
 */
public interface IdCredentials extends Credentials {
    /** Upstream: {@code @NonNull String getId()}. */
    String getId();
}
