package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/PeriodicWork.java}. */
public abstract class PeriodicWork extends hudson.triggers.SafeTimerTask implements hudson.ExtensionPoint {
    protected static final long MIN = 1000 * 60;

    public abstract long getRecurrencePeriod();
}
