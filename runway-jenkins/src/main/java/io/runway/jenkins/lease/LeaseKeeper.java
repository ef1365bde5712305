package io.runway.jenkins.lease;

import io.runway.core.error.RunwayException;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one lease alive while its holder works: renews it every {@code ttl / 2} (never more than half the
 * TTL apart) on the host's scheduler, and reports the lease lost, once, when it is no longer ACTIVE or when
 * renewing has failed until the lease's own expiry passed. A retryable failure (engine busy) is retried at
 * the next beat; a refusal (not active, wrong token) is a loss at once.
 */
public final class LeaseKeeper implements AutoCloseable {
    private final Supplier<LeaseEngine> engine;
    private final String leaseId;
    private final String token;
    private final Duration ttl;
    private final Clock clock;
    private final Consumer<String> onLost;
    private final ScheduledFuture<?> beat;
    private volatile Instant expiresAt;
    private volatile boolean done;

    private LeaseKeeper(Supplier<LeaseEngine> engine, String leaseId, String token, Duration ttl, Instant expiresAt,
                        Clock clock, ScheduledExecutorService scheduler, Consumer<String> onLost) {
        this.engine = engine;
        this.leaseId = leaseId;
        this.token = token;
        this.ttl = ttl;
        this.clock = clock;
        this.onLost = onLost;
        this.expiresAt = expiresAt;
        long every = heartbeat(ttl).toMillis();
        this.beat = scheduler.scheduleWithFixedDelay(this::renewNow, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts keeping {@code leaseId}; {@code onLost} gets a message for people, at most once. {@code engine}
     * is asked for at every beat: after the configuration is saved the controller's engine is a new one.
     */
    public static LeaseKeeper keep(Supplier<LeaseEngine> engine, String leaseId, String token, Duration ttl, Instant expiresAt,
                                   Clock clock, ScheduledExecutorService scheduler, Consumer<String> onLost) {
        return new LeaseKeeper(engine, leaseId, token, ttl, expiresAt, clock, scheduler, onLost);
    }

    /** Half the TTL, at least 100 ms: the renewal period. */
    public static Duration heartbeat(Duration ttl) {
        Duration half = ttl.dividedBy(2);
        return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
    }

    /** One heartbeat: checks the lease and renews it. Public so tests drive it without a scheduler. */
    public void renewNow() {
        if (done) {
            return;
        }
        LeaseEngine e;
        try {
            e = engine.get();
        } catch (RunwayException unavailable) {
            return; // between two engines (configuration reload): try at the next beat
        }
        Optional<Lease> now = e.lease(leaseId);
        if (now.isEmpty() || now.get().state().isTerminal()) {
            lost(now.map(LeaseKeeper::describe).orElse("lease " + leaseId + " is gone"));
            return;
        }
        e.renew(leaseId, token, ttl).whenComplete((lease, error) -> {
            if (error == null) {
                expiresAt = lease.expiresAt();
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            boolean retryable = cause instanceof RunwayException re && re.retryable();
            if (!retryable) {
                lost("lease " + leaseId + " could not be renewed: " + cause.getMessage());
            } else if (!clock.instant().isBefore(expiresAt)) {
                lost("lease " + leaseId + " expired at " + expiresAt + " while renewing kept failing: " + cause.getMessage());
            }
        });
    }

    static String describe(Lease l) {
        String why = l.endReason() == null ? "" : " (" + l.endReason() + ")";
        return "lease " + l.id() + " is " + l.state() + why;
    }

    private void lost(String message) {
        if (done) {
            return;
        }
        done = true;
        beat.cancel(false);
        onLost.accept(message);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Stops renewing; the caller releases the lease. */
    @Override
    public void close() {
        done = true;
        beat.cancel(false);
    }
}
