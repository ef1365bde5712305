package hudson.util;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/util/ListBoxModel.java}. */
public class ListBoxModel extends java.util.ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    /** Upstream: {@code public void add(@NonNull String displayName, @NonNull String value)}. */
    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("stub");
    }

    public ListBoxModel add(String nameAndValue) {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: {@code ListBoxModel.Option}. */
    public static final class Option {
        private Option() {
        }
    }
}
