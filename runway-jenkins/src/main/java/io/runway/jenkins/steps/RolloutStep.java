package io.runway.jenkins.steps;

import hudson.Extension;
import hudson.model.Run;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code rollout(spec: 'deploy/rollout.yaml')}, or the spec's fields inline ({@code service}, {@code version},
 * {@code baseline}, {@code deploy}, {@code strategy}, ...): runs a progressive rollout and returns its result
 * as a map. {@code onRollback} says what a rollback does to the build.
 */
public class RolloutStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String spec;
    private String onRollback;
    private String service;
    private String version;
    private String baseline;
    private String provider;
    private LinkedHashMap<String, Object> deploy;
    private LinkedHashMap<String, Object> strategy;
    private LinkedHashMap<String, Object> stickiness;
    private LinkedHashMap<String, Object> analysis;
    private String onInconclusive;
    private String scaleDownDelay;
    private String onRestart;
    private LinkedHashMap<String, Object> fingerprint;
    private LinkedHashMap<String, Object> aws;

    @DataBoundConstructor
    public RolloutStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RolloutStepExecution(this, context);
    }

    /** The inline fields, in spec order; null when not given. */
    Map<String, Object> inlineFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service);
        m.put("version", version);
        m.put("baseline", baseline);
        m.put("provider", provider);
        m.put("deploy", deploy);
        m.put("strategy", strategy);
        m.put("stickiness", stickiness);
        m.put("analysis", analysis);
        m.put("onInconclusive", onInconclusive);
        m.put("scaleDownDelay", scaleDownDelay);
        m.put("onRestart", onRestart);
        m.put("fingerprint", fingerprint);
        m.put("aws", aws);
        return m;
    }

    boolean hasInlineFields() {
        return inlineFields().values().stream().anyMatch(v -> v != null);
    }

    public String getSpec() {
        return spec;
    }

    @DataBoundSetter
    public void setSpec(String spec) {
        this.spec = Blank.toNull(spec);
    }

    public String getOnRollback() {
        return onRollback;
    }

    @DataBoundSetter
    public void setOnRollback(String onRollback) {
        this.onRollback = Blank.toNull(onRollback);
    }

    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(String service) {
        this.service = Blank.toNull(service);
    }

    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = Blank.toNull(version);
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Blank.toNull(baseline);
    }

    public String getProvider() {
        return provider;
    }

    @DataBoundSetter
    public void setProvider(String provider) {
        this.provider = Blank.toNull(provider);
    }

    public Map<String, Object> getDeploy() {
        return deploy;
    }

    @DataBoundSetter
    public void setDeploy(Map<String, Object> deploy) {
        this.deploy = copy(deploy);
    }

    public Map<String, Object> getStrategy() {
        return strategy;
    }

    @DataBoundSetter
    public void setStrategy(Map<String, Object> strategy) {
        this.strategy = copy(strategy);
    }

    public Map<String, Object> getStickiness() {
        return stickiness;
    }

    @DataBoundSetter
    public void setStickiness(Map<String, Object> stickiness) {
        this.stickiness = copy(stickiness);
    }

    public Map<String, Object> getAnalysis() {
        return analysis;
    }

    @DataBoundSetter
    public void setAnalysis(Map<String, Object> analysis) {
        this.analysis = copy(analysis);
    }

    public String getOnInconclusive() {
        return onInconclusive;
    }

    @DataBoundSetter
    public void setOnInconclusive(String onInconclusive) {
        this.onInconclusive = Blank.toNull(onInconclusive);
    }

    public String getScaleDownDelay() {
        return scaleDownDelay;
    }

    @DataBoundSetter
    public void setScaleDownDelay(String scaleDownDelay) {
        this.scaleDownDelay = Blank.toNull(scaleDownDelay);
    }

    public String getOnRestart() {
        return onRestart;
    }

    @DataBoundSetter
    public void setOnRestart(String onRestart) {
        this.onRestart = Blank.toNull(onRestart);
    }

    public Map<String, Object> getFingerprint() {
        return fingerprint;
    }

    @DataBoundSetter
    public void setFingerprint(Map<String, Object> fingerprint) {
        this.fingerprint = copy(fingerprint);
    }

    public Map<String, Object> getAws() {
        return aws;
    }

    /** The {@code aws:} section of a {@code provider: aws-ec2} spec (served by the runway-aws plugin). */
    @DataBoundSetter
    public void setAws(Map<String, Object> aws) {
        this.aws = copy(aws);
    }

    private static LinkedHashMap<String, Object> copy(Map<String, Object> m) {
        return m == null || m.isEmpty() ? null : new LinkedHashMap<>(m);
    }

    @Extension
    @Symbol("rollout")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("rollout", "Run a progressive rollout (canary or blue-green) with health gates", false);
        }
    }

}
