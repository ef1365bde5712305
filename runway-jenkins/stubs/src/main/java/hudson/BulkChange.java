package hudson;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/BulkChange.java}. */
public class BulkChange implements java.io.Closeable {
    private BulkChange() {
    }

    public static boolean contains(hudson.model.Saveable s) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
