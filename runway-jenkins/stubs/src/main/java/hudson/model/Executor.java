package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Executor.java}. */
public class Executor extends Thread {
    private Executor() {
    }

    public void interrupt(Result result) {
        throw new UnsupportedOperationException("stub");
    }
}
