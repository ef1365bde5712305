package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/ItemGroup.java}
 * ({@code public interface ItemGroup<T extends Item> extends PersistenceRoot, ModelObject}; only {@code getFullName()} here).
 */
public interface ItemGroup<T extends Item> {
    String getFullName();
}
