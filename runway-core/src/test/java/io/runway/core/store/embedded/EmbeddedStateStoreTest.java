package io.runway.core.store.embedded;

import static io.runway.core.store.StoreFixtures.event;
import static io.runway.core.store.StoreFixtures.grant;
import static io.runway.core.store.StoreFixtures.lease;
import static io.runway.core.store.StoreFixtures.purge;
import static io.runway.core.store.StoreFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.StateStore;
import io.runway.core.store.StateStoreContract;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedStateStoreTest extends StateStoreContract {
    @TempDir
    Path dir;

    @Override
    protected StateStore openStore() {
        return EmbeddedStateStore.open(dir);
    }

    @Override
    protected boolean durableAcrossReopen() {
        return true;
    }

    @Override
    protected StateStore reopenStore() {
        return EmbeddedStateStore.open(dir);
    }

    private EmbeddedStateStore embedded() {
        return (EmbeddedStateStore) store;
    }

    @Test
    void tornLastFrameIsCutOffOnRecoveryAndTheLogStaysUsable() throws Exception {
        for (int i = 1; i <= 10; i++) {
            await(store.commit(grant("L" + i, 1)));
        }
        store.close();
        Path log = newestLogWithFrames();
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5); // a write of the last batch that never finished
        }

        reopen();
        assertThat(store.load().leases()).hasSize(9).doesNotContainKey("L10");
        await(store.commit(grant("L10", 1)));
        reopen();
        assertThat(store.load().leases()).hasSize(10);
        assertThat(store.events("L10")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "zeros", "frameHeaderOnly"})
    void garbageAfterTheLastFrameIsIgnoredAndCutOff(String tail) throws Exception {
        for (int i = 1; i <= 5; i++) {
            await(store.commit(grant("L" + i, 1)));
        }
        StoreBatch last = grant("L5", 2);
        await(store.commit(last));
        store.close();
        Path log = newestLogWithFrames();
        long goodSize = Files.size(log);
        Files.write(log, garbage(tail), StandardOpenOption.APPEND);

        reopen();
        assertThat(Files.size(log)).isEqualTo(goodSize);
        assertThat(store.load().leases()).hasSize(5).containsEntry("L5", last.leases().get(0));
        await(store.commit(grant("L6", 1)));
        reopen();
        assertThat(store.load().leases()).hasSize(6);
    }

    private static byte[] garbage(String kind) {
        return switch (kind) {
            case "random" -> {
                byte[] bytes = new byte[97];
                new Random(42).nextBytes(bytes);
                yield bytes;
            }
            case "zeros" -> new byte[4096];
            default -> ByteBuffer.allocate(8).putInt(500).putInt(0x1234).array();
        };
    }

    @Test
    void damageBeforeTheEndOfTheLogRefusesToOpen() throws Exception {
        await(store.commit(grant("L1", 1)));
        await(store.commit(grant("L2", 1)));
        reopen();
        await(store.commit(grant("L3", 1)));
        store.close();
        Path first = LogFiles.list(dir, LogFiles.LOG_SUFFIX).firstEntry().getValue();
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), LogFiles.HEADER_BYTES + 12);
        }

        assertThatThrownBy(() -> EmbeddedStateStore.open(dir))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining(first.getFileName().toString());
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> EmbeddedStateStore.open(dir))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("in use");
        store.close();
        EmbeddedStateStore.open(dir).close();
    }

    @Test
    void compactionKeepsTheStateAndShrinksTheLog() throws Exception {
        for (int version = 1; version <= 300; version++) {
            for (int lease = 0; lease < 10; lease++) {
                store.commit(grant("L" + lease, version));
            }
        }
        await(store.commit(purge("L9")));
        long logBefore = logBytes();
        Map<String, ?> leasesBefore = store.load().leases();

        await(embedded().compact());

        assertThat(logBytes()).isLessThan(logBefore / 10);
        assertThat(LogFiles.list(dir, LogFiles.SNAPSHOT_SUFFIX)).hasSize(1);
        assertThat(embedded().stats().compactions()).isEqualTo(1);
        reopen();
        assertThat(store.load().leases()).isEqualTo(leasesBefore).hasSize(9);
        assertThat(store.events("L3")).hasSize(600);
        assertThat(store.events("L9")).isEmpty();
        assertThat(store.load().fencingHighWater()).isEqualTo(300);
    }

    @Test
    void compactionKeepsDocuments() throws Exception {
        List<io.runway.core.store.DocumentRecord> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new io.runway.core.store.DocumentRecord("rollout", "r-" + i, 1, "{\"i\":" + i + "}"));
        }
        await(store.commit(StoreBatch.ofDocuments(docs)));
        await(store.commit(StoreBatch.ofDocuments(List.of(new io.runway.core.store.DocumentRecord("rollout", "r-0", 2, null)))));
        Map<String, ?> before = store.load().documents();

        await(embedded().compact());
        reopen();

        assertThat(store.load().documents()).isEqualTo(before).hasSize(49);
        await(store.commit(StoreBatch.ofDocuments(List.of(new io.runway.core.store.DocumentRecord("rollout", "r-1", 2, "{}")))));
    }

    @Test
    void theSizeThresholdTriggersCompaction() throws Exception {
        store.close();
        useStore(EmbeddedStateStore.open(dir, EmbeddedStoreOptions.builder().compactAfterBytes(16 << 10).build()));
        for (int version = 1; version <= 200; version++) {
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            for (int lease = 0; lease < 5; lease++) {
                commits.add(store.commit(grant("L" + lease, version)));
            }
            for (CompletableFuture<Void> commit : commits) {
                await(commit); // small groups, so the threshold is crossed many times
            }
        }
        await(store.commit(grant("L0", 201)));
        EmbeddedStateStore compacting = embedded();
        compacting.close(); // waits for a running compaction

        assertThat(compacting.stats().compactions()).isPositive();
        assertThat(compacting.stats().bytesWritten()).isGreaterThan(100L << 10);
        assertThat(logBytes()).isLessThan(compacting.stats().bytesWritten() / 2);
        reopen();
        assertThat(store.load().leases().get("L0").version()).isEqualTo(201);
        assertThat(store.load().leases().get("L4").version()).isEqualTo(200);
        assertThat(store.events("L0")).hasSize(402);
    }

    @Test
    void reopenAfterManyCompactionsMatchesTheReferenceStore() throws Exception {
        InMemoryStateStore reference = new InMemoryStateStore();
        Map<String, Long> versions = new HashMap<>();
        Map<String, Long> resourceVersions = new HashMap<>(); // resources outlive purged leases
        EmbeddedStoreOptions smallLog = EmbeddedStoreOptions.builder().compactAfterBytes(4 << 10).build();
        store.close();
        for (int round = 1; round <= 8; round++) {
            useStore(EmbeddedStateStore.open(dir, smallLog));
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            for (int lease = 0; lease < 20; lease++) {
                String id = "L" + lease;
                boolean purgeNow = lease % 7 == round % 7 && versions.containsKey(id);
                StoreBatch batch = purgeNow ? purge(id) : new StoreBatch(
                        List.of(lease(id, versions.merge(id, 1L, Long::sum))),
                        List.of(resource("r-" + id, resourceVersions.merge(id, 1L, Long::sum))),
                        List.of(event(id, "round " + round)), List.of(), round);
                if (purgeNow) {
                    versions.remove(id);
                }
                commits.add(store.commit(batch));
                await(reference.commit(batch));
            }
            for (CompletableFuture<Void> commit : commits) {
                await(commit);
            }
            if (round % 2 == 0) {
                await(embedded().compact());
            }
            store.close();
        }
        useStore(EmbeddedStateStore.open(dir, smallLog));
        assertThat(store.load()).isEqualTo(reference.load());
        for (int lease = 0; lease < 20; lease++) {
            assertThat(store.events("L" + lease)).isEqualTo(reference.events("L" + lease));
        }
        assertThat(LogFiles.list(dir, LogFiles.SNAPSHOT_SUFFIX)).hasSize(1);
    }

    @Test
    void anFsyncFailureFailsThatGroupAndEverythingAfterIt() throws Exception {
        store.close();
        AtomicBoolean failForce = new AtomicBoolean();
        useStore(EmbeddedStateStore.open(dir, EmbeddedStoreOptions.defaults(),
                (file, reused) -> new FailingChannel(SegmentWriter.Opener.DEFAULT.open(file, reused), failForce)));
        await(store.commit(grant("L1", 1)));

        failForce.set(true);
        List<CompletableFuture<Void>> afterFailure = List.of(
                store.commit(grant("L2", 1)), store.commit(grant("L3", 1)), store.commit(grant("L1", 2)));

        for (CompletableFuture<Void> commit : afterFailure) {
            assertThat(failureOf(commit)).isInstanceOf(UnavailableException.class)
                    .hasRootCauseMessage("injected fsync failure");
        }
        assertThat(failureOf(store.commit(grant("L4", 1)))).isInstanceOf(UnavailableException.class);
        assertThat(store.load().leases()).containsOnlyKeys("L1"); // nothing unacknowledged became visible
        reopen();
        assertThat(store.load().leases()).containsKey("L1");
    }

    @Test
    void statsCountBatchesGroupsAndBytes() throws Exception {
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            commits.add(store.commit(grant("L" + i, 1)));
        }
        for (CompletableFuture<Void> commit : commits) {
            await(commit);
        }
        EmbeddedStoreStats stats = embedded().stats();
        assertThat(stats.batches()).isEqualTo(1000);
        assertThat(stats.records()).isEqualTo(4000);
        assertThat(stats.fsyncs()).isBetween(1L, 1000L);
        assertThat(stats.bytesWritten()).isGreaterThan(1000L * 50);
        assertThat(stats.lastGroupSize()).isPositive();
    }

    private Path newestLogWithFrames() throws IOException {
        Path newest = null;
        for (Path log : LogFiles.list(dir, LogFiles.LOG_SUFFIX).values()) {
            if (Files.size(log) > LogFiles.HEADER_BYTES) {
                newest = log;
            }
        }
        assertThat(newest).as("a log segment with frames").isNotNull();
        return newest;
    }

    private long logBytes() throws IOException {
        long total = 0;
        for (Path log : LogFiles.list(dir, LogFiles.LOG_SUFFIX).values()) {
            total += Files.size(log);
        }
        return total;
    }
}
