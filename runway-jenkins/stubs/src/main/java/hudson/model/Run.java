package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Run.java}. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    public Result getResult() {
        throw new UnsupportedOperationException("stub");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("stub");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }

    public static Run<?, ?> fromExternalizableId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public Executor getExecutor() {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public void addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stub");
    }
}
