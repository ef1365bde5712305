package hudson.triggers;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/triggers/SafeTimerTask.java}. */
public abstract class SafeTimerTask extends java.util.TimerTask {
    protected abstract void doRun() throws Exception;

    @Override
    public final void run() {
        throw new UnsupportedOperationException("stub");
    }
}
