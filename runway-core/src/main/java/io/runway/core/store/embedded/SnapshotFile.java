package io.runway.core.store.embedded;

import io.runway.core.store.DocumentRecord;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.state.StateImage;
import io.runway.core.store.state.StateTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A snapshot of the whole state: a head frame with the counts, one frame per lease, resource,
 * per-lease event list and document, and an end frame. Written to a temporary file, forced, then atomically renamed,
 * so a snapshot file that exists is complete; the counts and end frame double-check that.
 */
final class SnapshotFile {
    private static final int HEAD = 10;
    private static final int LEASE = 11;
    private static final int RESOURCE = 12;
    private static final int EVENTS = 13;
    private static final int END = 14;
    private static final int DOCUMENT = 15;
    private static final int FLUSH_BYTES = 1 << 20;

    private SnapshotFile() {
    }

    /** Writes {@code state} as snapshot {@code sequence} and makes it durable; returns its size in bytes. */
    static long write(Path dir, long sequence, StateImage state) throws IOException {
        Path target = LogFiles.snapshot(dir, sequence);
        Path temp = target.resolveSibling(target.getFileName() + LogFiles.TEMP_SUFFIX);
        ByteSink sink = new ByteSink(FLUSH_BYTES + (64 << 10));
        CRC32C crc = new CRC32C();
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            LogFiles.writeHeader(sink, LogFiles.SNAPSHOT_MAGIC, LogFiles.SNAPSHOT_FORMAT_VERSION);
            int frame = LogFiles.beginFrame(sink);
            sink.writeByte(HEAD);
            sink.writeSignedVarLong(state.fencingHighWater());
            sink.writeVarLong(state.leases().size());
            sink.writeVarLong(state.resources().size());
            sink.writeVarLong(state.events().size());
            sink.writeVarLong(state.documents().size());
            LogFiles.endFrame(sink, frame, crc);
            for (LeaseRecord lease : state.leases()) {
                frame = LogFiles.beginFrame(sink);
                sink.writeByte(LEASE);
                RecordCodec.writeLease(sink, lease);
                LogFiles.endFrame(sink, frame, crc);
                flushIfFull(channel, sink);
            }
            for (ResourceRecord resource : state.resources()) {
                frame = LogFiles.beginFrame(sink);
                sink.writeByte(RESOURCE);
                RecordCodec.writeResource(sink, resource);
                LogFiles.endFrame(sink, frame, crc);
                flushIfFull(channel, sink);
            }
            for (int i = 0; i < state.events().size(); i++) {
                frame = LogFiles.beginFrame(sink);
                sink.writeByte(EVENTS);
                sink.writeString(state.eventLeaseIds().get(i));
                RecordCodec.writeEvents(sink, state.events().get(i));
                LogFiles.endFrame(sink, frame, crc);
                flushIfFull(channel, sink);
            }
            for (DocumentRecord document : state.documents()) {
                frame = LogFiles.beginFrame(sink);
                sink.writeByte(DOCUMENT);
                RecordCodec.writeDocument(sink, document);
                LogFiles.endFrame(sink, frame, crc);
                flushIfFull(channel, sink);
            }
            frame = LogFiles.beginFrame(sink);
            sink.writeByte(END);
            LogFiles.endFrame(sink, frame, crc);
            flush(channel, sink);
            channel.force(true);
            size = channel.size();
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        LogFiles.syncDirectory(dir);
        return size;
    }

    private static void flushIfFull(FileChannel channel, ByteSink sink) throws IOException {
        if (sink.size() >= FLUSH_BYTES) {
            flush(channel, sink);
        }
    }

    private static void flush(FileChannel channel, ByteSink sink) throws IOException {
        ByteBuffer buffer = sink.asByteBuffer();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        sink.reset();
    }

    /** Reads a snapshot; any damage is an error, because the log it replaced is gone. */
    static StateTable read(Path file) throws IOException {
        StateTable state = new StateTable();
        try (FrameReader reader = FrameReader.snapshot(file)) {
            ByteSource head = reader.next();
            if (head == null || head.readByte() != HEAD) {
                throw damaged(reader, "no head frame");
            }
            state.raiseFencingHighWater(head.readSignedVarLong());
            long leases = head.readVarLong();
            long resources = head.readVarLong();
            long eventLists = head.readVarLong();
            long documents = head.atEnd() ? 0 : head.readVarLong(); // absent in snapshots older than documents
            long[] seen = new long[4];
            while (true) {
                ByteSource frame = reader.next();
                if (frame == null) {
                    throw damaged(reader, "no end frame");
                }
                int tag = frame.readByte();
                switch (tag) {
                    case LEASE -> { state.putLease(RecordCodec.readLease(frame)); seen[0]++; }
                    case RESOURCE -> { state.putResource(RecordCodec.readResource(frame)); seen[1]++; }
                    case EVENTS -> { state.putEvents(frame.readString(), RecordCodec.readEvents(frame)); seen[2]++; }
                    case DOCUMENT -> { state.putDocument(RecordCodec.readDocument(frame)); seen[3]++; }
                    case END -> {
                        if (seen[0] != leases || seen[1] != resources || seen[2] != eventLists || seen[3] != documents) {
                            throw damaged(reader, "counts do not match the head frame");
                        }
                        return state;
                    }
                    default -> throw damaged(reader, "unknown frame tag " + tag);
                }
            }
        } catch (CorruptFrameException e) {
            throw new IOException("snapshot " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static IOException damaged(FrameReader reader, String why) {
        return new IOException("snapshot is damaged (" + why + "): " + reader.describeStop());
    }
}
