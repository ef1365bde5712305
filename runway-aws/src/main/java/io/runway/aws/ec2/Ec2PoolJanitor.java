package io.runway.aws.ec2;

import io.runway.core.deploy.SweepReport;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Keeps the aws-ec2 pools and the lease engine in agreement, once per {@code interval}: refreshes the
 * expiry tags of instances whose resource is live, then terminates tagged instances whose resource the
 * engine does not know or has RETIRED (a launch whose resource record was lost, a deprovision that did not
 * finish), bounded per pool by the safety rail. PROVISIONING resources count as live, so an instance being
 * launched is never swept. Runs on the host's scheduler; one round at a time.
 */
public final class Ec2PoolJanitor implements AutoCloseable {
    private final Ec2CapacityProvider provider;
    private final LeaseEngine engine;
    private final Consumer<String> log;
    private ScheduledFuture<?> task;

    public Ec2PoolJanitor(Ec2CapacityProvider provider, LeaseEngine engine, Consumer<String> log) {
        this.provider = provider;
        this.engine = engine;
        this.log = log;
    }

    /** A third of the shortest instanceTtl of the config's aws-ec2 pools: expiry tags never lapse between rounds. */
    public static Duration interval(io.runway.core.pool.PoolsConfig config) {
        return config.pools().stream().filter(p -> Ec2CapacityProvider.NAME.equals(p.provider()) && p.aws() != null)
                .map(p -> p.aws().instanceTtl().dividedBy(3)).min(Duration::compareTo).orElse(Duration.ofMinutes(3));
    }

    /** Runs {@link #round} every {@code interval} on {@code scheduler}, the first one at once. */
    public synchronized Ec2PoolJanitor start(ScheduledExecutorService scheduler, Duration interval) {
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                round();
            } catch (RuntimeException e) {
                log.accept("aws-ec2 janitor: " + e.getMessage() + "; trying again next round");
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One heartbeat and sweep over every aws-ec2 pool; returns the sweep of each pool. */
    public synchronized Map<String, SweepReport> round() {
        Set<String> live = engine.resources().stream().filter(r -> r.state() != ResourceState.RETIRED)
                .map(ResourceView::id).collect(Collectors.toSet());
        provider.heartbeat(live::contains);
        Map<String, SweepReport> reports = provider.sweep(live::contains);
        reports.forEach((pool, r) -> {
            if (!r.removed().isEmpty() || !r.failed().isEmpty()) {
                log.accept("aws-ec2 pool " + pool + ": swept " + r.removed() + (r.failed().isEmpty() ? ""
                        : "; not yet " + r.failed()));
            }
        });
        return reports;
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
