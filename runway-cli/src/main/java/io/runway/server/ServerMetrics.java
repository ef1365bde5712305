package io.runway.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.runway.core.lease.EngineStats;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.run.TaskScheduler;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics of the server: the engine's counters and gauges (read from {@link LeaseEngine#stats()}
 * at scrape time) and one request timer per route and status. Tags never carry lease ids or tokens.
 */
public final class ServerMetrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LeaseEngine engine;
    private volatile CachedStats cached = new CachedStats(0, null);

    private volatile CachedTasks cachedTasks = new CachedTasks(0, null);

    private record CachedStats(long atNanos, EngineStats stats) {}

    private record CachedTasks(long atNanos, TaskScheduler.TaskCounts counts) {}

    public ServerMetrics(LeaseEngine engine) {
        this.engine = engine;
        counter("runway.leases.granted", "Leases granted", EngineStats::granted);
        counter("runway.leases.released", "Leases released by their owner", EngineStats::released);
        counter("runway.leases.expired", "Leases that expired without renewal", EngineStats::expired);
        counter("runway.leases.revoked", "Leases revoked by an administrator", EngineStats::revoked);
        counter("runway.leases.renewed", "Lease renewals", EngineStats::renewed);
        counter("runway.lease.requests.timed.out", "Requests whose wait elapsed before a grant", EngineStats::timedOut);
        counter("runway.lease.requests.rejected", "Requests refused as invalid or over quota", EngineStats::rejected);
        counter("runway.store.batches", "Store commits (group-committed batches)", EngineStats::batches);
        gauge("runway.leases.active", "Leases currently active", EngineStats::active);
        gauge("runway.leases.waiting", "Requests currently waiting", EngineStats::waiting);
        for (String pool : engine.pools()) {
            Gauge.builder("runway.resources.free", this, m -> m.stats().freeByPool().getOrDefault(pool, 0))
                    .description("Resources free to lease, per pool").tag("pool", pool).register(registry);
        }
    }

    /**
     * Task metrics: {@code runway_task_runs{state}} (tasks of the retained graph runs by state),
     * {@code runway_task_placements_blocked} (tasks waiting on a BLOCKED placement) and
     * {@code runway_task_fire_lag_seconds} (how late each schedule instant fired).
     */
    public void bindTasks(TaskScheduler tasks) {
        for (TaskRunState state : TaskRunState.values()) {
            Gauge.builder("runway.task.runs", this, m -> m.taskCounts(tasks).byState().getOrDefault(state, 0))
                    .description("Task runs of the retained graph runs, by state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("runway.task.placements.blocked", this, m -> m.taskCounts(tasks).blockedPlacements())
                .description("Tasks waiting on a placement that is BLOCKED (see the run for the reason)").register(registry);
        Timer lag = Timer.builder("runway.task.fire.lag").description("How late schedule instants fired (now - instant)")
                .register(registry);
        tasks.onFireLag((graph, at, d) -> lag.record(d.isNegative() ? java.time.Duration.ZERO : d));
    }

    private TaskScheduler.TaskCounts taskCounts(TaskScheduler tasks) {
        CachedTasks c = cachedTasks;
        long now = System.nanoTime();
        if (c.counts == null || now - c.atNanos > TimeUnit.MILLISECONDS.toNanos(250)) {
            c = new CachedTasks(now, tasks.taskCounts());
            cachedTasks = c;
        }
        return c.counts;
    }

    /** Records one handled request under its route template (e.g. {@code /api/v1/leases/{id}}). */
    public void recordRequest(String method, String route, int status, long nanos) {
        Timer.builder("runway.http.requests").description("HTTP requests by route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }

    /** One stats snapshot serves every meter of a scrape instead of one walk of the book per meter. */
    private EngineStats stats() {
        CachedStats c = cached;
        long now = System.nanoTime();
        if (c.stats == null || now - c.atNanos > TimeUnit.MILLISECONDS.toNanos(250)) {
            c = new CachedStats(now, engine.stats());
            cached = c;
        }
        return c.stats;
    }

    private void counter(String name, String help, ToDoubleFunction<EngineStats> value) {
        FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.stats())).description(help).register(registry);
    }

    private void gauge(String name, String help, ToDoubleFunction<EngineStats> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.stats())).description(help).register(registry);
    }
}
