package io.runway.bench.router;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

/**
 * Closed-loop load: {@code connections} workers each send a GET, wait for the answer, and send the next,
 * for a fixed time. Closed loop keeps the load bounded (never more than {@code connections} requests in
 * flight), which matters on a shared 2-core machine; it does under-report tail latency compared to an
 * open-loop (fixed-rate) generator, so compare targets with each other, not with open-loop numbers.
 */
final class ClosedLoopLoad {
    private final HttpClient client;
    private final int connections;

    ClosedLoopLoad(HttpClient client, int connections) {
        this.client = client;
        this.connections = connections;
    }

    LoadResult run(LoadTarget target, long warmupMillis, long measureMillis, ProcessCpu cpu) throws Exception {
        drive(target.uri(), warmupMillis, new Recorder(60_000_000L, 3), new LongAdder(), new LongAdder());
        Recorder recorder = new Recorder(60_000_000L, 3);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        double cpuBefore = cpu.seconds();
        long start = System.nanoTime();
        drive(target.uri(), measureMillis, recorder, ok, failed);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = cpu.seconds() - cpuBefore;
        Histogram latency = recorder.getIntervalHistogram();
        return new LoadResult(target.name(), connections, seconds, ok.sum(), failed.sum(), latency, cpuSeconds);
    }

    private void drive(URI uri, long millis, Recorder recorder, LongAdder ok, LongAdder failed) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                running.add(workers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            ContentResponse response = client.newRequest(uri).timeout(10, TimeUnit.SECONDS).send();
                            recorder.recordValue(Math.min((System.nanoTime() - t0) / 1_000, 60_000_000L));
                            if (response.getStatus() < 400) {
                                ok.increment();
                            } else {
                                failed.increment();
                            }
                        } catch (Exception e) {
                            failed.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
