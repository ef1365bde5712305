package hudson.util;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/util/FormValidation.java}. */
public abstract class FormValidation extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: {@code public static FormValidation warning(String message)}. */
    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
