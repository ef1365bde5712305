package io.runway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable acquire → release cycles through the {@link GlobalLockManager} model, with as many requesters as
 * {@link SaturatedCycles}; since that design blocks its callers, each requester here is a thread. Each
 * requester is one job whose builds run one after another, so every acquire carries a new build id.
 */
final class GlobalLockModel {
    /** {@code serializeMillis} and {@code persistMillis}: mean time per save in XStream, and in flush + force + rename. */
    record Result(long cycles, double seconds, double cyclesPerSecond, long savedBytes, double serializeMillis,
                  double persistMillis) implements java.io.Serializable {
    }

    static Result run(Path disk, int resources, int requesters, Duration warmup, Duration measure)
            throws Exception {
        try (TempDir dir = TempDir.create(disk, "runway-global-lock-")) {
            GlobalLockManager manager = new GlobalLockManager(dir.path(), resources);
            Window window = new Window(warmup, measure);
            List<Thread> threads = new ArrayList<>(requesters);
            for (int i = 0; i < requesters; i++) {
                String job = "folder/job-" + i + "#";
                Thread t = new Thread(() -> {
                    for (long build = 1; !window.stopping(); build++) {
                        manager.release(manager.acquire(job + build));
                        window.completed();
                    }
                }, "global-lock-requester-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            window.run();
            manager.stopSaving();
            for (Thread t : threads) {
                t.join();
            }
            double[] split = manager.saveMillisSplit();
            return new Result(window.count(), window.seconds(), window.perSecond(), manager.savedBytes(), split[0],
                    split[1]);
        }
    }
}
