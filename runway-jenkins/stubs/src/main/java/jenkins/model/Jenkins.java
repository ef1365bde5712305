package jenkins.model;

import hudson.security.Permission;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/jenkins/model/Jenkins.java}
 * (a much larger class hierarchy; only what the plugin calls is here). Upstream it {@code implements
 * DirectlyModifiableTopLevelItemGroup}, an {@code ItemGroup<TopLevelItem>}: credential look-ups take it as their context.
 */
public class Jenkins implements hudson.security.AccessControlled, hudson.model.ItemGroup<hudson.model.TopLevelItem> {
    public static final Permission ADMINISTER = null;
    public static final Permission READ = null;

    private Jenkins() {
    }

    /** Upstream: {@code public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type)}. */
    public <T extends hudson.model.Item> T getItemByFullName(String fullName, Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: {@code public Queue getQueue()}. */
    public hudson.model.Queue getQueue() {
        throw new UnsupportedOperationException("stub");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream (from {@code ItemGroup}): {@code String getFullName()}, the empty string for the root. */
    @Override
    public String getFullName() {
        throw new UnsupportedOperationException("stub");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }
}
