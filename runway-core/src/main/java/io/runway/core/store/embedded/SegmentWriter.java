package io.runway.core.store.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The log segment being appended to. Used only by the writer thread. */
final class SegmentWriter implements AutoCloseable {
    private final long sequence;
    private final FileChannel channel;

    private SegmentWriter(long sequence, FileChannel channel) {
        this.sequence = sequence;
        this.channel = channel;
    }

    /** Opens the channel of a new segment file; a seam so tests can inject I/O failures. */
    @FunctionalInterface
    interface Opener {
        Opener DEFAULT = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        FileChannel open(Path file) throws IOException;
    }

    /** Creates a new segment with its header, durable (file and directory entry) before it is used. */
    static SegmentWriter create(Path dir, long sequence, Opener opener) throws IOException {
        FileChannel channel = opener.open(LogFiles.segment(dir, sequence));
        try {
            ByteSink header = new ByteSink(LogFiles.HEADER_BYTES);
            LogFiles.writeHeader(header, LogFiles.LOG_MAGIC);
            write(channel, header.asByteBuffer());
            channel.force(true);
            LogFiles.syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new SegmentWriter(sequence, channel);
    }

    long sequence() {
        return sequence;
    }

    void append(ByteBuffer bytes) throws IOException {
        write(channel, bytes);
    }

    /** Data only: the file size change is covered by fdatasync on Linux, and no other metadata matters. */
    void force() throws IOException {
        channel.force(false);
    }

    private static void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
