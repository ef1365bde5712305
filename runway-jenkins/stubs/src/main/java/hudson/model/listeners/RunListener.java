package hudson.model.listeners;

import hudson.model.Run;
import hudson.model.TaskListener;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/listeners/RunListener.java}. */
public abstract class RunListener<R extends Run> implements hudson.ExtensionPoint {
    protected RunListener() {
    }

    public void onCompleted(R r, TaskListener listener) {
        throw new UnsupportedOperationException("stub");
    }

    public void onDeleted(R r) {
        throw new UnsupportedOperationException("stub");
    }
}
