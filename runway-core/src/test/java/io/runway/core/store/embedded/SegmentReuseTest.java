package io.runway.core.store.embedded;

import static io.runway.core.store.StoreFixtures.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log segments written into reused files: frames of a file's earlier life are never replayed, a segment
 * ends at its end frame, format 1 segments still read, and a store recycles its retired segments.
 */
class SegmentReuseTest {
    @TempDir
    Path dir;

    private final CRC32C crc = new CRC32C();

    @Test
    void framesOfAReusedFilesEarlierLifeAreNotReplayedAfterACrash() throws Exception {
        // Segment 5 holds five versions of L; retired, its file becomes segment 9, which gets one frame of
        // exactly the same length as segment 5's first, so segment 5's second frame follows it intact.
        writeFiveVersionsOfL(5);
        SegmentWriter nine = reuseAs(5, 9);
        append(nine, grant("M", 1));
        nine.close(); // no end frame: the writer died here

        Recovery.Result recovered = Recovery.recover(dir);

        StoredState state = recovered.state().toStoredState();
        assertThat(state.leases()).containsOnlyKeys("M");
        assertThat(recovered.nextSegment()).isEqualTo(10);
        assertThat(Files.size(LogFiles.segment(dir, 9))).as("the earlier life is cut off")
                .isEqualTo(recovered.logBytes());
    }

    @Test
    void withoutTheSaltTheSameFileWouldReplayItsEarlierLife() throws Exception {
        // The control for the test above: the same bytes read as a format 1 file (no salt) replay L.
        writeFiveVersionsOfL(5);
        rewriteFrames(LogFiles.segment(dir, 5), 1, 0);

        StoredState state = Recovery.recover(dir).state().toStoredState();

        assertThat(state.leases().get("L").version()).isEqualTo(5);
    }

    @Test
    void aSegmentEndsAtItsEndFrameWhateverFollows() throws Exception {
        writeFiveVersionsOfL(5);
        SegmentWriter nine = reuseAs(5, 9);
        append(nine, grant("M", 1));
        nine.end(new ByteSink(64), crc);
        nine.close();
        long nineBytes = Files.size(LogFiles.segment(dir, 9));
        SegmentWriter ten = newSegment(10);
        append(ten, grant("M", 2));
        ten.close();

        Recovery.Result recovered = Recovery.recover(dir);

        assertThat(recovered.state().leases()).containsOnlyKeys("M");
        assertThat(recovered.state().leases().get("M").version()).isEqualTo(2);
        assertThat(Files.size(LogFiles.segment(dir, 9))).as("a closed segment is left as it is").isEqualTo(nineBytes);
    }

    @Test
    void damageBeforeAnEndFrameStillRefusesToOpen() throws Exception {
        SegmentWriter seven = newSegment(7);
        append(seven, grant("L", 1));
        append(seven, grant("L", 2));
        seven.end(new ByteSink(64), crc);
        seven.close();
        newSegment(8).close();
        try (FileChannel channel = FileChannel.open(LogFiles.segment(dir, 7), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), LogFiles.HEADER_BYTES + 12);
        }

        assertThatThrownBy(() -> Recovery.recover(dir)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }

    @Test
    void format1SegmentsStillReadAndNewSegmentsAreFormat2() throws Exception {
        SegmentWriter three = newSegment(3);
        append(three, grant("L", 1));
        append(three, grant("L", 2));
        three.close();
        rewriteFrames(LogFiles.segment(dir, 3), 1, 0); // as the previous release wrote it

        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir)) {
            assertThat(store.load().leases().get("L").version()).isEqualTo(2);
            store.commit(grant("L", 3)).join();
        }
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir)) {
            assertThat(store.load().leases().get("L").version()).isEqualTo(3);
        }
        assertThat(headerVersion(LogFiles.segment(dir, 4))).isEqualTo(LogFiles.LOG_FORMAT_VERSION);
    }

    @Test
    void aBusyStoreRecyclesItsRetiredSegmentsAndLosesNothing() throws Exception {
        long threshold = 16 << 10;
        EmbeddedStoreOptions options = EmbeddedStoreOptions.builder().compactAfterBytes(threshold).build();
        EmbeddedStateStore written = EmbeddedStateStore.open(dir, options);
        try (EmbeddedStateStore store = written) {
            for (int version = 1; version <= 150; version++) {
                List<CompletableFuture<Void>> commits = new ArrayList<>();
                for (int lease = 0; lease < 5; lease++) {
                    commits.add(store.commit(grant("L" + lease, version)));
                }
                commits.forEach(CompletableFuture::join);
            }
        }
        assertThat(written.stats().compactions()).as("counted once each has ended; close waits for that")
                .isGreaterThanOrEqualTo(3);
        assertThat(LogFiles.spare(dir)).as("the last retired segment, kept").isRegularFile();
        long spareBytes = Files.size(LogFiles.spare(dir));
        assertThat(spareBytes).isGreaterThanOrEqualTo(threshold);

        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir, options)) {
            Path current = LogFiles.list(dir, LogFiles.LOG_SUFFIX).lastEntry().getValue();
            assertThat(LogFiles.spare(dir)).as("taken by the new segment").doesNotExist();
            assertThat(Files.size(current)).as("the spare's file, header rewritten").isEqualTo(spareBytes);
            assertThat(store.load().leases().get("L4").version()).isEqualTo(150);
            store.commit(grant("L4", 151)).join();
        }
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir, options)) {
            assertThat(store.load().leases().get("L4").version()).isEqualTo(151);
            assertThat(store.load().leases().get("L0").version()).isEqualTo(150);
            assertThat(store.events("L4")).hasSize(302);
        }
    }

    @Test
    void aSpareThatCannotBeZeroFilledDoesNotStopTheStore() throws Exception {
        long threshold = 16 << 10;
        EmbeddedStoreOptions options = EmbeddedStoreOptions.builder().compactAfterBytes(threshold).build();
        Path blocker = dir.resolve(LogFiles.SPARE_NAME + LogFiles.TEMP_SUFFIX);
        EmbeddedStateStore written = EmbeddedStateStore.open(dir, options);
        try (EmbeddedStateStore store = written) {
            Files.createDirectories(blocker.resolve("in-the-way")); // the zero-fill cannot open its file
            for (int version = 1; version <= 100; version++) {
                store.commit(grant("L", version)).join();
            }
        }
        // Read after close, which waits for a compaction under way: its count is only raised when it ends.
        assertThat(written.stats().compactions()).isPositive();
        Files.delete(blocker.resolve("in-the-way"));

        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir, options)) {
            assertThat(store.load().leases().get("L").version()).isEqualTo(100);
            assertThat(store.events("L")).hasSize(200);
        }
    }

    @Test
    void aLeftoverSpareBeingFilledIsDeletedOnOpen() throws Exception {
        Files.write(dir.resolve(LogFiles.SPARE_NAME + LogFiles.TEMP_SUFFIX), new byte[4096]);

        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir)) {
            store.commit(grant("L", 1)).join();
        }

        assertThat(dir.resolve(LogFiles.SPARE_NAME + LogFiles.TEMP_SUFFIX)).doesNotExist();
    }

    @Test
    void aDirectoryWhoseSegmentCannotBeReadNamesTheFile() throws Exception {
        Files.write(LogFiles.segment(dir, 1), ByteBuffer.allocate(8).putInt(LogFiles.LOG_MAGIC).putInt(9).array());

        assertThatThrownBy(() -> EmbeddedStateStore.open(dir)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining(LogFiles.segment(dir, 1).getFileName().toString())
                .hasMessageContaining("version 9");
    }

    private void writeFiveVersionsOfL(long sequence) throws IOException {
        try (SegmentWriter segment = newSegment(sequence)) {
            for (int version = 1; version <= 5; version++) {
                append(segment, grant("L", version));
            }
        }
    }

    private SegmentWriter newSegment(long sequence) throws IOException {
        return SegmentWriter.start(dir, sequence, null, SegmentWriter.Opener.DEFAULT);
    }

    /** Retires segment {@code from} as the spare, as a compaction does, and starts segment {@code to} in it. */
    private SegmentWriter reuseAs(long from, long to) throws IOException {
        Path spare = LogFiles.spare(dir);
        Files.move(LogFiles.segment(dir, from), spare);
        return SegmentWriter.start(dir, to, spare, SegmentWriter.Opener.DEFAULT);
    }

    private void append(SegmentWriter segment, StoreBatch batch) throws IOException {
        ByteSink sink = new ByteSink(256);
        int frame = LogFiles.beginFrame(sink);
        RecordCodec.writeBatch(sink, batch);
        LogFiles.endFrame(sink, frame, crc, segment.salt());
        segment.append(sink.asByteBuffer());
        segment.force();
    }

    /** Rewrites a segment's header version and every frame's checksum with {@code salt}. */
    private void rewriteFrames(Path file, int version, int salt) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        bytes.putInt(4, version);
        int at = LogFiles.HEADER_BYTES;
        while (at + LogFiles.FRAME_HEADER_BYTES <= bytes.limit()) {
            int length = bytes.getInt(at);
            crc.reset();
            crc.update(bytes.array(), at + LogFiles.FRAME_HEADER_BYTES, length);
            bytes.putInt(at + 4, (int) crc.getValue() ^ salt);
            at += LogFiles.FRAME_HEADER_BYTES + length;
        }
        Files.write(file, bytes.array());
    }

    private static int headerVersion(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).getInt(4);
    }
}
