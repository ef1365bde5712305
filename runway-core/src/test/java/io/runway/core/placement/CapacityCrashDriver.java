package io.runway.core.placement;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.provider.Provider;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Child process of {@link CapacityCrashTest}: provisions one local slot and retires it with a deprovisioning
 * that never finishes, then provisions two more whose provisioning never finishes, printing an ACK line once
 * each step is acknowledged (durable); then waits to be killed with SIGKILL. Exits by itself when its stdin
 * closes (parent gone).
 *
 * <p>Usage: {@code CapacityCrashDriver <state dir> <slots dir>}
 */
public final class CapacityCrashDriver {
    private CapacityCrashDriver() {}

    /** Provisions only the first slot for real; every other provisioning and every deprovisioning hangs. */
    static final class HalfStuck implements Provider, CapacityProvider {
        private final LocalSlotProvider local;

        HalfStuck(LocalSlotProvider local) {
            this.local = local;
        }

        public String name() {
            return "local";
        }

        public boolean cleansResources() {
            return false;
        }

        public CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
            return CompletableFuture.completedFuture(null);
        }

        public CompletableFuture<Void> provision(ResourceView resource) {
            return resource.id().equals("web-s1") ? local.provision(resource) : new CompletableFuture<>();
        }

        public CompletableFuture<Void> deprovision(ResourceView resource) {
            return new CompletableFuture<>();
        }
    }

    static PoolsConfig config() {
        return new PoolsConfig(List.of(PlacementFixture.scaling("web", 0, 5, Duration.ofMinutes(10), Map.of("cpu", 4))), null);
    }

    public static void main(String[] args) throws Exception {
        exitWhenParentGoes();
        EmbeddedStateStore store = EmbeddedStateStore.open(Path.of(args[0]));
        HalfStuck provider = new HalfStuck(new LocalSlotProvider(Path.of(args[1]), 10));
        LeaseEngine engine = LeaseEngine.start(config(), Map.of("local", provider), store, Clock.systemUTC(),
                Executors.newScheduledThreadPool(2), EngineOptions.DEFAULT);
        engine.provision("web", 1, "crash test").join();
        engine.tick().join(); // web-s1's provisioning was confirmed before this tick was decided
        engine.retire("web-s1", "crash test").join();
        System.out.println("ACK RETIRED web-s1");
        List<ResourceView> made = engine.provision("web", 2, "crash test").join();
        System.out.println("ACK PROVISIONING " + made.get(0).id() + " " + made.get(1).id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
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
