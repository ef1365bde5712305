package io.runway.jenkins.gate;

import io.runway.core.error.InvalidInputException;
import io.runway.core.judge.Judge;
import io.runway.core.judge.Percentile;
import io.runway.core.judge.SequentialJudge;
import io.runway.core.judge.SequentialOptions;
import io.runway.core.judge.ThresholdJudge;
import io.runway.core.judge.ThresholdOptions;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * A health gate on a deployment made by other means: probe {@code url} (and {@code baselineUrl}, for the
 * sequential judge) with {@code requests} GETs every {@code interval}, and judge the counts with core's
 * judges until a verdict or {@code timeout}. The judge settings mean what they mean in a rollout spec's
 * {@code analysis} (see docs/rollouts.md); this class maps them the same way the rollout controller does.
 *
 * @param maxErrorRatePercent threshold judge: most errors allowed, percent of requests
 * @param maxLatencyP99 threshold judge: most p99 latency allowed; null means not checked
 * @param checks threshold judge: passed checks (intervals) needed to pass the gate
 */
public record GateOptions(URI url, URI baselineUrl, String judge, int requests, Duration interval, Duration timeout,
                          double maxErrorRatePercent, Duration maxLatencyP99, int minimumRequests, int checks)
        implements Serializable {

    public GateOptions {
        if (url == null) {
            throw new InvalidInputException("url", "url is required: the deployment to probe, e.g. http://host:8080/health");
        }
        requireHttp(url, "url");
        if (baselineUrl != null) {
            requireHttp(baselineUrl, "baselineUrl");
        }
        if (!"threshold".equals(judge) && !"sequential".equals(judge)) {
            throw new InvalidInputException("judge", "judge must be threshold or sequential, got '" + judge + "'");
        }
        if ("sequential".equals(judge) && baselineUrl == null) {
            throw new InvalidInputException("baselineUrl", "the sequential judge compares against a baseline: give baselineUrl");
        }
        if (requests < 1 || requests > 1000) {
            throw new InvalidInputException("requests", "requests per interval must be between 1 and 1000, got " + requests);
        }
        if (interval.isZero() || interval.isNegative() || timeout.compareTo(interval) < 0) {
            throw new InvalidInputException("timeout", "need 0 < interval <= timeout");
        }
        if (!(maxErrorRatePercent >= 0 && maxErrorRatePercent <= 100)) {
            throw new InvalidInputException("maxErrorRate", "maxErrorRate is a percent between 0 and 100");
        }
        if (minimumRequests < 1 || checks < 1) {
            throw new InvalidInputException("minimumRequests", "minimumRequests and checks must be at least 1");
        }
    }

    private static void requireHttp(URI u, String field) {
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
            throw new InvalidInputException(field, field + " must be an http(s) URL, got '" + u + "'");
        }
    }

    /** A fresh judge for these settings. */
    public Judge<?> newJudge() {
        if ("threshold".equals(judge)) {
            ThresholdOptions o = ThresholdOptions.DEFAULT
                    .withMaxErrorRate(maxErrorRatePercent / 100.0)
                    .withMinimumSampleSize(minimumRequests)
                    .withRequiredChecks(checks)
                    .withInterval(interval)
                    .withTimeLimit(timeout);
            if (maxLatencyP99 != null) {
                o = o.withMaxLatency(Percentile.P99, maxLatencyP99.toNanos() / 1e6);
            }
            return new ThresholdJudge(o);
        }
        // The gate itself decides at the timeout (GateRun.atTimeout); the judge's own limit only backs it up.
        return new SequentialJudge(SequentialOptions.DEFAULT
                .withMinimumRequests(minimumRequests, minimumRequests)
                .withInterval(interval)
                .withTimeLimit(timeout.multipliedBy(2).plus(interval)));
    }

    /** Whether the gate, not the judge, decides when the timeout comes (see GateRun): the sequential judge. */
    boolean endsAtTimeout() {
        return "sequential".equals(judge);
    }
}
