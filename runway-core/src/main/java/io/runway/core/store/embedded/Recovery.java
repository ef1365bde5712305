package io.runway.core.store.embedded;

import io.runway.core.store.state.StateTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the state of a directory: the newest snapshot, then every later segment in order. A torn
 * tail of the last segment (a crash mid-write, never acknowledged) is cut off so new frames follow good
 * ones; damage anywhere else is an error, because skipping it would silently lose acknowledged batches.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What was found: the state, the next segment's sequence number, log and snapshot sizes in bytes. */
    record Result(StateTable state, long nextSegment, long logBytes, long snapshotBytes) {
    }

    private Recovery() {
    }

    static Result recover(Path dir) throws IOException {
        for (Path temp : LogFiles.temporaryFiles(dir)) {
            Files.deleteIfExists(temp); // a snapshot that was never renamed into place
        }
        TreeMap<Long, Path> snapshots = LogFiles.list(dir, LogFiles.SNAPSHOT_SUFFIX);
        TreeMap<Long, Path> segments = LogFiles.list(dir, LogFiles.LOG_SUFFIX);
        long base = snapshots.isEmpty() ? 0 : snapshots.lastKey();
        StateTable state = snapshots.isEmpty() ? new StateTable() : SnapshotFile.read(snapshots.lastEntry().getValue());

        // Files an interrupted compaction did not get to delete.
        List<Path> obsolete = new ArrayList<>(snapshots.headMap(base).values());
        obsolete.addAll(segments.headMap(base).values());
        for (Path file : obsolete) {
            Files.deleteIfExists(file);
        }

        long nextSegment = base;
        long logBytes = 0;
        Map<Long, Path> replay = segments.tailMap(base, true);
        long last = replay.isEmpty() ? -1 : segments.lastKey();
        for (Map.Entry<Long, Path> entry : replay.entrySet()) {
            logBytes += replaySegment(entry.getValue(), entry.getKey(), state, entry.getKey() == last);
            nextSegment = entry.getKey() + 1;
        }
        LogFiles.syncDirectory(dir);
        long snapshotBytes = snapshots.isEmpty() ? 0 : Files.size(snapshots.lastEntry().getValue());
        return new Result(state, nextSegment, logBytes, snapshotBytes);
    }

    /**
     * Applies a segment's good frames; returns the bytes kept. A segment ends at its end frame (what follows
     * is a reused file's earlier life), at the end of the file, or, for the last segment only, at a torn
     * tail.
     */
    private static long replaySegment(Path file, long sequence, StateTable state, boolean isLast) throws IOException {
        long goodLength;
        String stop;
        try (FrameReader reader = FrameReader.segment(file, sequence)) {
            if (!reader.hasHeader()) {
                if (!isLast) {
                    throw new IOException("log segment " + file + " has no header but later segments exist");
                }
                Files.delete(file); // created just before a crash; holds nothing
                return 0;
            }
            stop = null;
            while (true) {
                long frameStart = reader.validLength();
                ByteSource frame = reader.next();
                if (frame == null) {
                    goodLength = reader.validLength();
                    if (reader.stoppedEarly()) {
                        stop = reader.describeStop();
                    }
                    break;
                }
                if (reader.version() >= 2 && frame.isOnly(LogFiles.SEGMENT_END)) {
                    return reader.validLength(); // closed by the writer: complete, whatever follows
                }
                try {
                    state.apply(RecordCodec.readBatch(frame));
                } catch (CorruptFrameException e) {
                    goodLength = frameStart;
                    stop = file + ": undecodable frame at offset " + frameStart + " (" + e.getMessage() + ")";
                    break;
                }
            }
        }
        if (stop != null || Files.size(file) != goodLength) {
            if (!isLast) {
                throw new IOException("log segment " + file + " is damaged before the end of the log: " + stop);
            }
            LOG.warn("Truncating torn tail of the state log ({}); the batches in it were never acknowledged", stop);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(goodLength);
                channel.force(true);
            }
        }
        return goodLength;
    }
}
