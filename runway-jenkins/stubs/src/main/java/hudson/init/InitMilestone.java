package hudson.init;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/init/InitMilestone.java}. */
public enum InitMilestone {
    STARTED, PLUGINS_LISTED, PLUGINS_PREPARED, PLUGINS_STARTED, EXTENSIONS_AUGMENTED, SYSTEM_CONFIG_LOADED,
    SYSTEM_CONFIG_ADAPTED, JOB_LOADED, JOB_CONFIG_ADAPTED, COMPLETED
}
