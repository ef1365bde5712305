package com.cloudbees.plugins.credentials.domains;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java}
 * ({@code public class DomainRequirement implements Serializable}); only the element type of the look-ups' list here.
 */
public class DomainRequirement implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
}
