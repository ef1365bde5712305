package io.runway.bench.cron;

import io.runway.core.task.cron.CronSchedules;
import io.runway.core.task.cron.FireIndex;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runway's schedule engine as the task scheduler uses it: Jenkins text compiled by {@link CronSchedules}
 * (interned) into a {@link FireIndex}, dispatched by one thread of a host {@link ScheduledExecutorService}
 * woken at the next due instant. A fire is the listener call on that thread (where the task scheduler
 * creates the graph run).
 */
final class RunwayCronSide {
    final CronSchedules schedules = new CronSchedules();
    final FireIndex<String> index = new FireIndex<>();

    /** Adds the schedules; names are made here so their strings count in the retained heap. */
    void add(List<CronWorkload.Schedule> workload, Instant after) {
        for (int i = 0; i < workload.size(); i++) {
            String name = "graph-" + i;
            index.add(name, schedules.compile(workload.get(i).jenkins(), name, ZoneOffset.UTC, "cron"), after);
        }
    }

    /** Dispatches until every schedule fired once (or the timeout); returns the recorder. */
    FireRecorder dispatch(int n, Instant due, long timeoutSeconds) throws InterruptedException {
        FireRecorder rec = new FireRecorder(n, due);
        ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runway-cron-dispatch");
            t.setDaemon(true);
            return t;
        });
        try {
            arm(host, rec);
            rec.await(timeoutSeconds);
        } finally {
            host.shutdownNow();
        }
        return rec;
    }

    private void arm(ScheduledExecutorService host, FireRecorder rec) {
        Optional<Instant> next = index.nextDue();
        if (next.isEmpty() || host.isShutdown()) {
            return;
        }
        Instant now = Instant.now();
        long delayMicros = Math.max(0, (next.get().getEpochSecond() - now.getEpochSecond()) * 1_000_000L
                + (next.get().getNano() - now.getNano()) / 1000);
        host.schedule(() -> {
            index.dispatch(Instant.now(), (key, slot, at) -> rec.fired(slot));
            arm(host, rec);
        }, delayMicros, TimeUnit.MICROSECONDS);
    }
}
