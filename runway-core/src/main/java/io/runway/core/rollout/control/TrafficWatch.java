package io.runway.core.rollout.control;

import io.runway.core.error.NotFoundException;
import io.runway.core.judge.LatencySummary;
import io.runway.core.judge.Measurement;
import io.runway.core.judge.VersionSample;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.traffic.LatencyHistogram;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import io.runway.core.traffic.VersionTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The rollout's view of the router: sets its routes, and reads what each version served since judging
 * last restarted. For blue-green the new version is measured on the preview listener.
 */
final class TrafficWatch {
    private final TrafficRouter router;
    private final String service;
    private final String preview;
    private final boolean blueGreen;
    private TrafficSnapshot mainBase;
    private TrafficSnapshot previewBase;
    private Instant since;

    TrafficWatch(TrafficRouter router, RolloutSpec spec) {
        this.router = router;
        this.service = spec.service();
        this.preview = Routes.previewService(spec.service());
        this.blueGreen = spec.strategy().blueGreen() != null;
    }

    void route(RolloutState s, int canaryBp, boolean cohorts, boolean withPreview) {
        if (canaryBp < io.runway.core.rollout.RolloutDecider.FULL
                && !s.deployments().containsKey(io.runway.core.rollout.Role.BASELINE)) {
            return; // taking traffic off the new version with no baseline to give it to: leave routing alone
        }
        router.setRoute(service, Routes.main(s, canaryBp, cohorts, router.mirrors()));
        if (blueGreen && (withPreview || s.deployments().containsKey(io.runway.core.rollout.Role.CANARY))) {
            router.setRoute(preview, Routes.preview(s));
        }
    }

    /** From {@code now} on, readings count only what is served after this moment. */
    void restart(Instant now) {
        mainBase = snapshotOrNull(service);
        previewBase = blueGreen ? snapshotOrNull(preview) : null;
        since = now;
    }

    /** What the new version and the baseline served since the last restart. */
    Reading read(RolloutState s, Instant now) {
        if (since == null) {
            since = now;
        }
        Duration elapsed = Duration.between(since, now);
        try {
            TrafficSnapshot main = minus(router.snapshot(service), mainBase);
            VersionTraffic base = main.version(s.spec().baseline());
            VersionTraffic canary = blueGreen
                    ? minus(router.snapshot(preview), previewBase).version(s.spec().version())
                    : main.version(s.spec().version());
            // Mirrored copies are requests the new version answered, if to no client: the gates judge them too.
            // (Blue-green never mirrors, so there this is empty.)
            VersionTraffic mirrored = main.mirrored(s.spec().version());
            return new Reading(new Measurement(elapsed, sample(canary.plus(mirrored)), sample(base), null), canary,
                    mirrored, base);
        } catch (NotFoundException e) {
            return new Reading(new Measurement(elapsed, VersionSample.EMPTY, VersionSample.EMPTY,
                    "no traffic routed yet: " + e.getMessage()), VersionTraffic.EMPTY, VersionTraffic.EMPTY,
                    VersionTraffic.EMPTY);
        }
    }

    private TrafficSnapshot snapshotOrNull(String name) {
        try {
            return router.snapshot(name);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static TrafficSnapshot minus(TrafficSnapshot now, TrafficSnapshot base) {
        return base == null ? now : now.minus(base);
    }

    private static VersionSample sample(VersionTraffic t) {
        LatencyHistogram h = t.latency();
        LatencySummary latency = h.count() == 0 ? LatencySummary.NONE
                : new LatencySummary(h.p50Millis(), h.percentileMillis(95), h.p99Millis());
        return new VersionSample(t.requests(), t.errors(), latency);
    }

    /** One reading, with the raw traffic for the progress line. */
    record Reading(Measurement measurement, VersionTraffic canary, VersionTraffic mirrored, VersionTraffic baseline) {
        String describe(RolloutState s) {
            int steps = s.spec().strategy().canary() != null ? s.spec().strategy().canary().steps().size() : 1;
            return String.format(Locale.ROOT, "step %d/%d weight %s%% | %s: %s | %s: %s",
                    Math.min(s.stepIndex() + 1, steps), steps, percent(s.canaryWeightBp()),
                    s.spec().version(), line(canary) + mirroredLine(), s.spec().baseline(), line(baseline));
        }

        private String mirroredLine() {
            return mirrored.requests() == 0 ? "" : String.format(Locale.ROOT, " + %d mirrored, %.2f%% err",
                    mirrored.requests(), 100.0 * mirrored.errors() / mirrored.requests());
        }

        private static String percent(int bp) {
            return java.math.BigDecimal.valueOf(bp, 2).stripTrailingZeros().toPlainString();
        }

        private static String line(VersionTraffic t) {
            if (t.requests() == 0) {
                return "no requests";
            }
            return String.format(Locale.ROOT, "%d req, %.2f%% err, p50 %.1f ms, p99 %.1f ms", t.requests(),
                    100.0 * t.errors() / t.requests(), t.latency().p50Millis(), t.latency().p99Millis());
        }
    }
}
