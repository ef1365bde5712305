package io.runway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable acquire → release cycles through the {@link GlobalLockManager} model, with the same requesters
 * as {@link SaturatedCycles}; since that design blocks its callers, each requester here is a thread.
 */
final class GlobalLockModel {
    record Result(long cycles, double seconds, double cyclesPerSecond) {
    }

    static Result run(Path disk, int resources, int requesters, Duration warmup, Duration measure)
            throws Exception {
        try (TempDir dir = TempDir.create(disk, "runway-global-lock-");
             GlobalLockManager manager = new GlobalLockManager(dir.path().resolve("manager.xml"), resources)) {
            Window window = new Window(warmup, measure);
            List<Thread> threads = new ArrayList<>(requesters);
            for (int i = 0; i < requesters; i++) {
                String owner = "job-" + i;
                Thread t = new Thread(() -> {
                    while (!window.stopping()) {
                        manager.release(manager.acquire(owner));
                        window.completed();
                    }
                }, "global-lock-requester-" + i);
                t.setDaemon(true);
                t.setPriority(Thread.NORM_PRIORITY);
                threads.add(t);
                t.start();
            }
            window.run();
            manager.stopSaving();
            for (Thread t : threads) {
                t.join();
            }
            return new Result(window.count(), window.seconds(), window.perSecond());
        }
    }
}
