package com.cloudbees.plugins.credentials.common;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java}
 * (its nested {@code NameProvider} is left out).
 */
public interface StandardCredentials extends IdCredentials {
    /** Upstream: {@code @NonNull String getDescription()}. */
    String getDescription();
}
