package com.cloudbees.plugins.credentials;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsMatchers.java} (a utility class; only the three
 * methods Runway calls here).
 */
public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    /** Upstream: {@code @NonNull public static CredentialsMatcher always()}. */
    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: {@code @NonNull public static CredentialsMatcher withId(@NonNull String id)}. */
    public static CredentialsMatcher withId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Upstream: {@code @CheckForNull public static <C extends Credentials> C firstOrNull(@NonNull Iterable<C> credentials,
     * @NonNull CredentialsMatcher matcher)}.
     */
    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }
}
