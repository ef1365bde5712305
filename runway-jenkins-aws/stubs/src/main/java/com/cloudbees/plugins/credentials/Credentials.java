package com.cloudbees.plugins.credentials;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/Credentials.java}
 * ({@code public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint}; no method used here).
 */
public interface Credentials extends hudson.model.Describable<Credentials>, java.io.Serializable, hudson.ExtensionPoint {
}
