package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Descriptor.java}. */
public abstract class Descriptor<T extends Describable<T>> implements Saveable {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    protected static Class self() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stub");
    }
}
