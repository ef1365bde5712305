package io.runway.jenkins.steps;

import hudson.Extension;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code healthGate(url: 'http://canary:8080/health', ...)}: judges a deployment made by other means with
 * core's judges; passes, fails, or keeps waiting until a verdict or its timeout.
 */
public class HealthGateStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String url;
    private String baselineUrl;
    private String judge = "threshold";
    private int requests = 20;
    private String interval = "10s";
    private String timeout = "5m";
    private double maxErrorRate = 1.0;
    private String maxLatencyP99;
    private int minimumRequests = 50;
    private int checks = 3;
    private String onFail;

    @DataBoundConstructor
    public HealthGateStep(String url) {
        this.url = Blank.toNull(url);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new HealthGateStepExecution(this, context);
    }

    public String getUrl() {
        return url;
    }

    public String getBaselineUrl() {
        return baselineUrl;
    }

    @DataBoundSetter
    public void setBaselineUrl(String baselineUrl) {
        this.baselineUrl = Blank.toNull(baselineUrl);
    }

    public String getJudge() {
        return judge;
    }

    @DataBoundSetter
    public void setJudge(String judge) {
        this.judge = Blank.toNull(judge) == null ? "threshold" : judge.strip();
    }

    public int getRequests() {
        return requests;
    }

    @DataBoundSetter
    public void setRequests(int requests) {
        this.requests = requests;
    }

    public String getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(String interval) {
        this.interval = Blank.toNull(interval) == null ? "10s" : interval.strip();
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Blank.toNull(timeout) == null ? "5m" : timeout.strip();
    }

    public double getMaxErrorRate() {
        return maxErrorRate;
    }

    @DataBoundSetter
    public void setMaxErrorRate(double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public String getMaxLatencyP99() {
        return maxLatencyP99;
    }

    @DataBoundSetter
    public void setMaxLatencyP99(String maxLatencyP99) {
        this.maxLatencyP99 = Blank.toNull(maxLatencyP99);
    }

    public int getMinimumRequests() {
        return minimumRequests;
    }

    @DataBoundSetter
    public void setMinimumRequests(int minimumRequests) {
        this.minimumRequests = minimumRequests;
    }

    public int getChecks() {
        return checks;
    }

    @DataBoundSetter
    public void setChecks(int checks) {
        this.checks = checks;
    }

    public String getOnFail() {
        return onFail;
    }

    @DataBoundSetter
    public void setOnFail(String onFail) {
        this.onFail = Blank.toNull(onFail);
    }

    @Extension
    @Symbol("healthGate")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("healthGate", "Judge the health of a deployment (pass, fail or wait)", false);
        }
    }
}
