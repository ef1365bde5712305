package io.runway.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process is killed with SIGKILL after its intents to provision and to deprovision are acknowledged
 * but before the provider's work is confirmed; the next start on the same directory finishes both.
 */
class CapacityCrashTest {
    @TempDir
    Path dir;

    @Test
    void intentsAcknowledgedBeforeAKillAreCarriedOutAfterIt() throws Exception {
        Path state = dir.resolve("state");
        Path slots = dir.resolve("slots");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CapacityCrashDriver.class.getName(), state.toString(), slots.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(() -> child.toHandle().destroyForcibly());
        List<String> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acks.add(line);
                if (line.startsWith("ACK PROVISIONING")) {
                    child.toHandle().destroyForcibly(); // SIGKILL on Linux
                }
            }
        }
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(acks).containsExactly("ACK RETIRED web-s1", "ACK PROVISIONING web-s2 web-s3");
        LocalSlotProvider local = new LocalSlotProvider(slots, 10);
        assertThat(local.slotCount()).isEqualTo(1); // web-s1 was made and never removed before the kill

        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
        try (EmbeddedStateStore store = EmbeddedStateStore.open(state)) {
            LeaseEngine engine = LeaseEngine.start(CapacityCrashDriver.config(), Map.of("local", local), store,
                    Clock.systemUTC(), executor, EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
            engine.tick().join();
            assertThat(engine.resources()).extracting(ResourceView::id, ResourceView::state).containsExactly(
                    Tuple.tuple("web-s1", ResourceState.RETIRED),
                    Tuple.tuple("web-s2", ResourceState.FREE),
                    Tuple.tuple("web-s3", ResourceState.FREE));
            assertThat(local.slotCount()).isEqualTo(2);
            engine.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
