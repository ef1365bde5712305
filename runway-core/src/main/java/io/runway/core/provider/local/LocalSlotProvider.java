package io.runway.core.provider.local;

import io.runway.core.provider.CapacityProvider;
import io.runway.core.provider.Provider;
import io.runway.core.resource.ResourceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The {@code local} provider: resources are slots on this machine, each a working directory
 * {@code <slots dir>/<resource id>} (under the state directory), so scaling can be tried and tested on one
 * machine. Provisioning creates the directory, deprovisioning deletes it, and cleanup between leases
 * empties it. At most {@code maxSlots} slot directories exist at once, whatever pools ask for.
 * All operations are idempotent in the resource id, as {@link CapacityProvider} requires.
 */
public final class LocalSlotProvider implements Provider, CapacityProvider {
    public static final String NAME = "local";
    /** The attribute that tells a lease where its slot's working directory is. */
    public static final String WORK_DIR = "workDir";

    private final Path slotsDir;
    private final int maxSlots;

    /** @param slotsDir where slot directories live, e.g. {@code <state dir>/slots} */
    public LocalSlotProvider(Path slotsDir, int maxSlots) {
        if (maxSlots < 1) {
            throw new IllegalArgumentException("maxSlots must be at least 1");
        }
        this.slotsDir = slotsDir.toAbsolutePath();
        this.maxSlots = maxSlots;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The working directory of slot {@code resourceId}. */
    public Path workingDirectory(String resourceId) {
        Path dir = slotsDir.resolve(resourceId).normalize();
        if (!dir.getParent().equals(slotsDir)) {
            throw new IllegalArgumentException("resource id '" + resourceId + "' does not name a slot directory");
        }
        return dir;
    }

    @Override
    public boolean cleansResources() {
        return true;
    }

    /** Empties the slot's working directory (creating it for listed resources that never had one). */
    @Override
    public synchronized CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
        return run(() -> {
            Path dir = workingDirectory(resource.id());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> children = Files.list(dir)) {
                    for (Path child : children.toList()) {
                        delete(child);
                    }
                }
            } else {
                Files.createDirectories(dir);
            }
        });
    }

    @Override
    public synchronized CompletableFuture<Void> provision(ResourceView resource) {
        return run(() -> {
            Path dir = workingDirectory(resource.id());
            if (Files.isDirectory(dir)) {
                return; // provisioned before a crash: nothing to do again
            }
            Files.createDirectories(slotsDir);
            long existing;
            try (Stream<Path> slots = Files.list(slotsDir)) {
                existing = slots.filter(Files::isDirectory).count();
            }
            if (existing >= maxSlots) {
                throw new IOException("the local provider holds its maximum of " + maxSlots + " slots");
            }
            Files.createDirectory(dir);
        });
    }

    /** Reports the slot's directory as the attribute {@value #WORK_DIR}. */
    @Override
    public CompletableFuture<Map<String, Object>> provisionWithFacts(ResourceView resource) {
        return provision(resource).thenApply(done -> Map.of(WORK_DIR, workingDirectory(resource.id()).toString()));
    }

    @Override
    public synchronized CompletableFuture<Void> deprovision(ResourceView resource) {
        return run(() -> delete(workingDirectory(resource.id())));
    }

    /** Slot directories that exist now. */
    public synchronized int slotCount() {
        if (!Files.isDirectory(slotsDir)) {
            return 0;
        }
        try (Stream<Path> slots = Files.list(slotsDir)) {
            return (int) slots.filter(Files::isDirectory).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoWork {
        void run() throws IOException;
    }

    private static CompletableFuture<Void> run(IoWork work) {
        try {
            work.run();
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
