package io.runway.jenkins.steps;

import hudson.AbortException;
import hudson.model.Result;
import io.runway.core.judge.Judgement;
import io.runway.core.judge.Verdict;
import io.runway.core.spec.Durations;
import io.runway.jenkins.gate.GateOptions;
import io.runway.jenkins.gate.GateRun;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.rollout.OnRollback;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code healthGate}: probes on the host's scheduler and completes at the judge's first terminal
 * verdict. PROMOTE passes and returns {@code [verdict:, reason:, numbers:]}; ROLLBACK and INCONCLUSIVE fail
 * the gate, which {@code onFail} (FAILURE by default, UNSTABLE or NONE) turns into a failed step, an
 * unstable build, or just the returned map. The gate's start time is saved, so after a restart the
 * timeout still counts from the first start; the counts and judge state start again.
 */
public class HealthGateStepExecution extends RunwayStepExecution {
    private static final long serialVersionUID = 1L;

    private final GateOptions options;
    private final OnRollback onFail;
    private long startedAtMillis;
    private transient volatile GateRun<?> run;

    HealthGateStepExecution(HealthGateStep step, StepContext context) {
        super(context);
        this.options = new GateOptions(step.getUrl() == null ? null : URI.create(step.getUrl()),
                step.getBaselineUrl() == null ? null : URI.create(step.getBaselineUrl()), step.getJudge(),
                step.getRequests(), Durations.parse(step.getInterval(), "interval"), Durations.parse(step.getTimeout(), "timeout"),
                step.getMaxErrorRate(), step.getMaxLatencyP99() == null ? null : Durations.parse(step.getMaxLatencyP99(), "maxLatencyP99"),
                step.getMinimumRequests(), step.getChecks());
        this.onFail = parseOnFail(step.getOnFail());
    }

    private static OnRollback parseOnFail(String text) {
        try {
            return OnRollback.parse(text);
        } catch (io.runway.core.error.InvalidInputException e) {
            throw new io.runway.core.error.InvalidInputException("onFail", "onFail must be FAILURE, UNSTABLE or NONE, got '" + text + "'");
        }
    }

    @Override
    public boolean start() throws Exception {
        RunwayHost host = HostHolder.get();
        startedAtMillis = host.clock().millis();
        StepLog.println(context(), "Health gate on " + options.url() + " (" + options.judge() + " judge, "
                + options.requests() + " probes every " + Durations.format(options.interval()) + ", timeout "
                + Durations.format(options.timeout()) + ")");
        begin(host);
        return false;
    }

    private void begin(RunwayHost host) {
        run = GateRun.start(options, HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build(), host.clock(),
                Instant.ofEpochMilli(startedAtMillis), host.executor(), this::judged);
    }

    void judged(Judgement j) {
        if (!j.verdict().isTerminal()) {
            if (j.verdict() == Verdict.WAIT) {
                StepLog.println(context(), "gate waiting: " + j.reason());
            }
            return;
        }
        StepLog.println(context(), "gate " + j.verdict() + ": " + j.reason());
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        result.put("verdict", j.verdict().name());
        result.put("passed", j.verdict().isSuccessful());
        result.put("reason", j.reason());
        result.put("numbers", new LinkedHashMap<>(j.numbers()));
        if (j.verdict().isSuccessful()) {
            context().onSuccess(result);
            return;
        }
        switch (onFail) {
            case FAILURE -> context().onFailure(new AbortException("Health gate " + j.verdict() + ": " + j.reason()));
            case UNSTABLE -> {
                context().setResult(Result.UNSTABLE);
                context().onSuccess(result);
            }
            case NONE -> context().onSuccess(result);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        GateRun<?> r = run;
        if (r != null) {
            r.close();
        }
        context().onFailure(cause);
    }

    @Override
    public void onResume() {
        try {
            RunwayHost host = HostHolder.get();
            StepLog.println(context(), "Controller restarted; judging the gate again (its timeout counts from "
                    + Instant.ofEpochMilli(startedAtMillis) + ")");
            begin(host);
        } catch (RuntimeException e) {
            context().onFailure(e);
        }
    }

    @Override
    public String getStatus() {
        return "judging " + options.url() + " for up to " + Durations.format(options.timeout()) + " since "
                + Instant.ofEpochMilli(startedAtMillis);
    }

    /** Stops probing without completing the step: what the controller going down does to it. */
    void halt() {
        GateRun<?> r = run;
        if (r != null) {
            r.close();
        }
    }

    GateOptions options() {
        return options;
    }

    Duration elapsedSince(long nowMillis) {
        return Duration.ofMillis(nowMillis - startedAtMillis);
    }
}
