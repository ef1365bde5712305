package io.runway.jenkins.gate;

import io.runway.core.judge.Judge;
import io.runway.core.judge.Judgement;
import io.runway.core.judge.Measurement;
import io.runway.core.judge.Verdict;
import io.runway.core.judge.VersionSample;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One health gate being judged: every interval it probes, turns the cumulative counts into a
 * {@link Measurement} and asks the judge. Every judgement goes to {@code onJudgement}; the run stops by
 * itself at the first terminal verdict (PROMOTE, ROLLBACK or INCONCLUSIVE).
 */
public final class GateRun<S> implements AutoCloseable {
    static final Duration MIN_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final GateOptions options;
    private final Judge<S> judge;
    private final ProbeCounter canary;
    private final ProbeCounter baseline;
    private final Clock clock;
    private final Instant startedAt;
    private final Consumer<Judgement> onJudgement;
    private S state;
    private int judgements;
    private volatile boolean done;
    private ScheduledFuture<?> ticking;

    private GateRun(GateOptions options, Judge<S> judge, HttpClient client, Clock clock, Instant startedAt,
                    Consumer<Judgement> onJudgement) {
        this.options = options;
        this.judge = judge;
        this.state = judge.start();
        // A slow answer is judged by its latency, not turned into an error by a short interval.
        Duration probeTimeout = options.interval().compareTo(MIN_PROBE_TIMEOUT) > 0 ? options.interval() : MIN_PROBE_TIMEOUT;
        this.canary = new ProbeCounter(client, options.url(), probeTimeout);
        this.baseline = options.baselineUrl() == null ? null : new ProbeCounter(client, options.baselineUrl(), probeTimeout);
        this.clock = clock;
        this.startedAt = startedAt;
        this.onJudgement = onJudgement;
    }

    /** Starts probing now; {@code startedAt} (kept across restarts) is when the gate's time started. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static GateRun<?> start(GateOptions options, HttpClient client, Clock clock, Instant startedAt,
                                   ScheduledExecutorService scheduler, Consumer<Judgement> onJudgement) {
        GateRun run = new GateRun(options, options.newJudge(), client, clock, startedAt, onJudgement);
        run.schedule(scheduler);
        return run;
    }

    /** A run judged only through {@link #judge(Measurement)}, never probing: for tests of its verdicts. */
    static GateRun<?> unscheduled(GateOptions options, Clock clock, Instant startedAt, Consumer<Judgement> onJudgement) {
        return new GateRun<>(options, options.newJudge(), HttpClient.newBuilder().build(), clock, startedAt, onJudgement);
    }

    private synchronized void schedule(ScheduledExecutorService scheduler) {
        long every = options.interval().toMillis();
        ticking = scheduler.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Probes once, then judges what has been seen so far. */
    void round() {
        if (done) {
            return;
        }
        var sent = baseline == null ? canary.probe(options.requests())
                : canary.probe(options.requests()).thenCombine(baseline.probe(options.requests()), (a, b) -> (Void) null);
        sent.whenComplete((v, error) -> judgeNow());
    }

    /** Judges the counts so far; public to tests through {@link #judge(Measurement)}. */
    private void judgeNow() {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        VersionSample b = baseline == null ? VersionSample.EMPTY : baseline.sample();
        judge(Measurement.of(elapsed, canary.sample(), b));
    }

    /**
     * The sequential judge's verdict when the gate's timeout has come: like a rollout's analysis step that
     * ends, a gate that measured enough and saw no harm (CONTINUE) passes, one still waiting for data is
     * INCONCLUSIVE. Without this, a healthy gate with no errors could only pass at 2,000 probes, which a
     * gate's budget (requests × timeout / interval, 600 with the defaults) rarely reaches.
     */
    private Judgement atTimeout(Judgement j, Duration elapsed) {
        if (j.verdict().isTerminal() || elapsed.compareTo(options.timeout()) < 0) {
            return j;
        }
        if (j.verdict() == Verdict.CONTINUE && judgements < 2) {
            // Resumed after a restart past the timeout: one round is a snapshot, not "no harm seen". Watch one
            // interval more before passing.
            return j;
        }
        return j.verdict() == Verdict.CONTINUE
                ? new Judgement(Verdict.PROMOTE, "no harm seen in " + options.timeout() + ": " + j.reason(), j.numbers())
                : new Judgement(Verdict.INCONCLUSIVE, "timeout " + options.timeout() + " ran out: " + j.reason(), j.numbers());
    }

    /** One judgement of {@code m}; stops the run at a terminal verdict. */
    public synchronized Judgement judge(Measurement m) {
        if (done) {
            return null;
        }
        Judge.Evaluation<S> next = judge.evaluate(state, m);
        state = next.state();
        judgements++;
        Judgement j = options.endsAtTimeout() ? atTimeout(next.judgement(), m.elapsed()) : next.judgement();
        if (j.verdict().isTerminal()) {
            close();
        }
        onJudgement.accept(j);
        return j;
    }

    @Override
    public synchronized void close() {
        done = true;
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
