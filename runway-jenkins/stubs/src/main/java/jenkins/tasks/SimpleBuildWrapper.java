package jenkins.tasks;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/jenkins/tasks/SimpleBuildWrapper.java}. */
public abstract class SimpleBuildWrapper extends hudson.tasks.BuildWrapper {
    public boolean requiresWorkspace() {
        throw new UnsupportedOperationException("stub");
    }

    public void setUp(Context context, Run<?, ?> build, TaskListener listener, EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: {@code SimpleBuildWrapper.Context}. */
    public static final class Context {
        private Context() {
        }

        public void env(String key, String value) {
            throw new UnsupportedOperationException("stub");
        }

        public void setDisposer(Disposer disposer) {
            throw new UnsupportedOperationException("stub");
        }
    }

    /** Upstream: {@code SimpleBuildWrapper.Disposer}. */
    public abstract static class Disposer implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public void tearDown(Run<?, ?> build, TaskListener listener) throws IOException, InterruptedException {
            throw new UnsupportedOperationException("stub");
        }
    }
}
