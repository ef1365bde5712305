package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/TopLevelItem.java}
 * ({@code public interface TopLevelItem extends Item, ExtensionPoint, Describable<TopLevelItem>}; nothing used here).
 */
public interface TopLevelItem extends Item {
}
