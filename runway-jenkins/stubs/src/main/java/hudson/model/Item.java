package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Item.java}
 * ({@code public interface Item extends PersistenceRoot, SearchableModelObject, AccessControlled, OnMaster};
 * only {@code getFullName()} here).
 */
public interface Item {
    String getFullName();
}
