package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Result.java}
 * ({@code public final class Result implements Serializable}, constants only here).
 */
public final class Result implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final Result SUCCESS = new Result();
    public static final Result UNSTABLE = new Result();
    public static final Result FAILURE = new Result();
    public static final Result ABORTED = new Result();

    private Result() {
    }
}
