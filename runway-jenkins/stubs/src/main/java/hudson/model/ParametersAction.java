package hudson.model;

import java.util.Collection;
import java.util.List;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/ParametersAction.java}
 * ({@code public class ParametersAction implements RunAction2, Iterable<ParameterValue>, QueueAction,
 * EnvironmentContributingAction, LabelAssignmentAction}; only the constructor the plugin calls).
 */
public class ParametersAction implements Action {
    /**
     * Upstream: {@code public ParametersAction(List<ParameterValue> parameters, Collection<String> additionalSafeParameters)}
     * (since 1.651.2 / 2.3): the named parameters are kept even when the job does not define them.
     */
    public ParametersAction(List<ParameterValue> parameters, Collection<String> additionalSafeParameters) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }
}
