package io.runway.aws.dynamodb;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Many threads acquiring and releasing on one engine as fast as they can, recording every hold: which
 * resource, which lease and fencing token, when the grant was heard and when the release was asked for
 * ({@link System#nanoTime}, which on Linux is one monotonic clock for every process of the machine, so
 * histories of several JVMs can be merged).
 */
final class Hammer {
    /** One resource held by one lease from {@code grantedNanos} (grant heard) to {@code releasingNanos}. */
    record Hold(String controller, String resource, String leaseId, long token, long grantedNanos, long releasingNanos) {
        String line() {
            return String.join(" ", controller, resource, leaseId, Long.toString(token), Long.toString(grantedNanos),
                    Long.toString(releasingNanos));
        }

        static Hold parse(String line) {
            String[] f = line.split(" ");
            return new Hold(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
        }
    }

    private Hammer() {}

    static List<Hold> run(LeaseEngine engine, String controller, String pool, int threads, int cycles) throws Exception {
        ConcurrentLinkedQueue<Hold> holds = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = controller + "-client-" + t;
                running.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < cycles; i++) {
                        LeaseRequest request = new LeaseRequest(owner, pool, null, 1 + random.nextInt(2),
                                Duration.ofMinutes(5), Duration.ofMinutes(4), 0);
                        Grant g = engine.acquire(request).join();
                        long granted = System.nanoTime();
                        if (random.nextInt(4) == 0) {
                            Thread.onSpinWait(); // hold briefly; only varies the interleaving
                        }
                        long releasing = System.nanoTime();
                        for (String r : g.lease().resourceIds()) {
                            holds.add(new Hold(controller, r, g.lease().id(), g.lease().fencingToken(), granted, releasing));
                        }
                        engine.release(g.lease().id(), g.token()).join();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        return new ArrayList<>(holds);
    }

    /**
     * Over the whole history: per resource, in fencing-token order, each hold was asked to end before the
     * next one was granted (no two leases at once), and no two grants share a token. Returns violations.
     */
    static List<String> violations(List<Hold> history) {
        List<String> out = new ArrayList<>();
        java.util.Map<String, List<Hold>> byResource = new java.util.TreeMap<>();
        history.forEach(h -> byResource.computeIfAbsent(h.resource(), k -> new ArrayList<>()).add(h));
        byResource.forEach((resource, holds) -> {
            holds.sort(java.util.Comparator.comparingLong(Hold::token));
            for (int i = 1; i < holds.size(); i++) {
                Hold before = holds.get(i - 1);
                Hold after = holds.get(i);
                if (before.token() == after.token()) {
                    out.add(resource + ": token " + after.token() + " granted twice (" + before + ", " + after + ")");
                } else if (after.grantedNanos() < before.releasingNanos()) {
                    out.add(resource + ": " + after + " granted while " + before + " still held it");
                }
            }
        });
        return out;
    }
}
