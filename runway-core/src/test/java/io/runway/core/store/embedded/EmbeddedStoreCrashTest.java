package io.runway.core.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoredState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a committing child JVM with SIGKILL at random moments and checks that every acknowledged
 * batch survived, and that nothing half-applied did.
 */
class EmbeddedStoreCrashTest {
    private static final int ROUNDS = 3;
    private static final int THREADS = 4;
    /** Small, so compactions run (and get killed) during the rounds. */
    private static final long COMPACT_AFTER_BYTES = 256 << 10;
    private static final long ROUND_LIMIT_SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchSurvivesKillMinus9() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Long> acknowledged = new HashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            int killAfterAcks = 1000 + random.nextInt(4000);
            int acks = runAndKill(killAfterAcks, acknowledged);
            assertThat(acks).as("acks in round %d (seed %d), child stderr: %s", round, seed, childErrors())
                    .isGreaterThanOrEqualTo(killAfterAcks);
            assertRecovered(acknowledged);
        }
    }

    /** Runs the driver until it has acknowledged {@code killAfterAcks} batches, kills it, reads the rest. */
    private int runAndKill(int killAfterAcks, Map<String, Long> acknowledged) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreCrashDriver.class.getName(), dir.toString(), String.valueOf(THREADS),
                String.valueOf(COMPACT_AFTER_BYTES))
                .redirectError(dir.resolveSibling(dir.getFileName() + "-child.err").toFile())
                .start();
        // Safety net only: a hung child is killed, its stdout ends, and the ack count assertion fails.
        CompletableFuture.delayedExecutor(ROUND_LIMIT_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (child.isAlive()) {
                child.toHandle().destroyForcibly();
            }
        });
        int acks = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] ack = line.split(" ");
                if (ack.length != 3 || !ack[0].equals("ACK")) {
                    continue; // a line torn by the kill
                }
                acknowledged.merge(ack[1], Long.parseLong(ack[2]), Math::max);
                if (++acks == killAfterAcks) {
                    // SIGKILL on Linux. Through the handle, because Process.destroyForcibly also closes our end
                    // of the pipe, and the acks already in it must still be read.
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(ROUND_LIMIT_SECONDS, TimeUnit.SECONDS)).as("child exited").isTrue();
        }
        return acks;
    }

    private void assertRecovered(Map<String, Long> acknowledged) {
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir)) {
            StoredState state = store.load();
            acknowledged.forEach((leaseId, version) -> {
                LeaseRecord lease = state.leases().get(leaseId);
                assertThat(lease).as("acknowledged lease %s", leaseId).isNotNull();
                assertThat(lease.version()).as("version of %s", leaseId).isGreaterThanOrEqualTo(version);
            });
            long highestVersion = 0;
            for (LeaseRecord lease : state.leases().values()) {
                // Each batch wrote the lease, its resource and two events together: all or nothing.
                ResourceRecord resource = state.resources().get("r-" + lease.id());
                assertThat(resource.version()).as("resource of %s", lease.id()).isEqualTo(lease.version());
                assertThat(store.events(lease.id())).hasSize((int) (2 * lease.version()));
                highestVersion = Math.max(highestVersion, lease.version());
            }
            assertThat(state.resources()).hasSameSizeAs(state.leases());
            assertThat(state.fencingHighWater()).isEqualTo(highestVersion);
        }
    }

    private String childErrors() throws IOException {
        Path errors = dir.resolveSibling(dir.getFileName() + "-child.err");
        return Files.exists(errors) ? String.join("\n", Files.readAllLines(errors)) : "(none)";
    }
}
