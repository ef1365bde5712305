package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/StringParameterValue.java}
 * ({@code public class StringParameterValue extends ParameterValue}).
 */
public class StringParameterValue extends ParameterValue {
    private static final long serialVersionUID = 1L;

    /** Upstream: {@code @DataBoundConstructor public StringParameterValue(String name, String value)}. */
    public StringParameterValue(String name, String value) {
        throw new UnsupportedOperationException("stub");
    }
}
