package com.cloudbees.plugins.credentials;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java}
 * ({@code public interface CredentialsMatcher extends Serializable}; its nested {@code CQL} mix-in is left out).
 */
public interface CredentialsMatcher extends java.io.Serializable {
    /** Upstream: {@code boolean matches(@NonNull Credentials item)}. */
    boolean matches(Credentials item);
}
