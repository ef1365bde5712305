package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Job.java}. */
/* Upstream Job extends AbstractItem, which implements Item. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> implements Item {
    @Override
    public String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
