package hudson;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/ExtensionList.java}. */
public class ExtensionList<T> extends java.util.AbstractList<T> {
    protected ExtensionList() {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Upstream (since 1.572): {@code public static @NonNull <T> ExtensionList<T> lookup(Class<T> type)}; every
     * registered extension of {@code type}, highest ordinal first (an empty list when Jenkins is not running).
     */
    public static <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stub");
    }
}
