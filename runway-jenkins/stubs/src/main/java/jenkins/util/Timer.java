package jenkins.util;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/jenkins/util/Timer.java}. */
public class Timer {
    private Timer() {
    }

    public static synchronized java.util.concurrent.ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stub");
    }
}
