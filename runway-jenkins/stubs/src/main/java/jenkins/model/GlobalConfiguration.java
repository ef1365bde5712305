package jenkins.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/jenkins/model/GlobalConfiguration.java}. */
public abstract class GlobalConfiguration extends hudson.model.Descriptor<GlobalConfiguration>
        implements hudson.ExtensionPoint, hudson.model.Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
    }
}
