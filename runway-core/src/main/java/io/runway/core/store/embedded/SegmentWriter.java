package io.runway.core.store.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** The log segment being appended to. Used only by the writer thread. */
final class SegmentWriter implements AutoCloseable {
    private final long sequence;
    private final FileChannel channel;
    private final int salt;

    private SegmentWriter(long sequence, FileChannel channel) {
        this.sequence = sequence;
        this.channel = channel;
        this.salt = LogFiles.salt(sequence, LogFiles.LOG_FORMAT_VERSION);
    }

    /** Opens the channel of a segment file; a seam so tests can inject I/O failures. */
    @FunctionalInterface
    interface Opener {
        Opener DEFAULT = (file, reused) -> reused
                ? FileChannel.open(file, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        /** @param reused the file exists (a spare about to become this segment) and is overwritten from the start */
        FileChannel open(Path file, boolean reused) throws IOException;
    }

    /**
     * Starts segment {@code sequence}: in the file of {@code spare} when there is one (overwritten from the
     * start), else in a new file. Its header, file and directory entry are durable before it is used.
     *
     * <p>A spare gets its new header before it is renamed into place: a crash in between must not leave a
     * segment whose old header (format 1, unsalted) would make its earlier life's frames read as valid.
     */
    static SegmentWriter start(Path dir, long sequence, Path spare, Opener opener) throws IOException {
        Path file = LogFiles.segment(dir, sequence);
        if (spare != null && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString()); // a rename would replace it silently
        }
        FileChannel channel = opener.open(spare != null ? spare : file, spare != null);
        try {
            ByteSink header = new ByteSink(LogFiles.HEADER_BYTES);
            LogFiles.writeHeader(header, LogFiles.LOG_MAGIC, LogFiles.LOG_FORMAT_VERSION);
            write(channel, header.asByteBuffer());
            channel.force(true);
            if (spare != null) {
                Files.move(spare, file, StandardCopyOption.ATOMIC_MOVE);
            }
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

    /** The checksum salt of this segment's frames. */
    int salt() {
        return salt;
    }

    void append(ByteBuffer bytes) throws IOException {
        write(channel, bytes);
    }

    /** Data only: the file size change is covered by fdatasync on Linux, and no other metadata matters. */
    void force() throws IOException {
        channel.force(false);
    }

    /**
     * Closes the segment for good with an end frame, forced: whatever the file holds after it (the rest of a
     * reused file's previous life) is not part of the log.
     */
    void end(ByteSink sink, CRC32C crc) throws IOException {
        sink.reset();
        int frame = LogFiles.beginFrame(sink);
        sink.writeByte(LogFiles.SEGMENT_END);
        LogFiles.endFrame(sink, frame, crc, salt);
        append(sink.asByteBuffer());
        force();
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
