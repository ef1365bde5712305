package io.runway.core.store.embedded;

import static io.runway.core.store.StoreFixtures.grant;

import io.runway.core.store.LeaseRecord;
import io.runway.core.store.StoredState;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Child process of {@link EmbeddedStoreCrashTest}: commits grant-like batches from several threads,
 * forever, and prints {@code ACK <leaseId> <version>} only after the commit future completed. The
 * parent kills it with SIGKILL at a random moment. Exits by itself when its stdin closes (parent gone).
 *
 * <p>Usage: {@code StoreCrashDriver <dir> <threads> <compactAfterBytes>}
 */
public final class StoreCrashDriver {
    static final int LEASES_PER_THREAD = 20;

    private StoreCrashDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long compactAfterBytes = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        exitWhenParentGoes();

        EmbeddedStateStore store = EmbeddedStateStore.open(dir,
                EmbeddedStoreOptions.builder().compactAfterBytes(compactAfterBytes).build());
        StoredState recovered = store.load();
        List<Thread> committers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread committer = new Thread(() -> commitForever(store, recovered, thread, out), "committer-" + t);
            committers.add(committer);
            committer.start();
        }
        for (Thread committer : committers) {
            committer.join();
        }
    }

    /** Each thread owns its lease ids and bumps all of them per round, several commits in flight. */
    private static void commitForever(EmbeddedStateStore store, StoredState recovered, int thread, PrintStream out) {
        long[] versions = new long[LEASES_PER_THREAD];
        for (int i = 0; i < LEASES_PER_THREAD; i++) {
            LeaseRecord lease = recovered.leases().get(leaseId(thread, i));
            versions[i] = lease == null ? 0 : lease.version();
        }
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(LEASES_PER_THREAD);
        while (true) {
            inFlight.clear();
            for (int i = 0; i < LEASES_PER_THREAD; i++) {
                inFlight.add(store.commit(grant(leaseId(thread, i), versions[i] + 1)));
            }
            for (int i = 0; i < LEASES_PER_THREAD; i++) {
                inFlight.get(i).join();
                versions[i]++;
                synchronized (out) {
                    out.println("ACK " + leaseId(thread, i) + " " + versions[i]);
                    out.flush();
                }
            }
        }
    }

    static String leaseId(int thread, int index) {
        return "w" + thread + "-" + index;
    }

    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is sent; EOF means the parent closed the pipe or died.
                }
            } catch (IOException ignored) {
                // Same as EOF.
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
