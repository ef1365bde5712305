package io.runway.core.store.embedded;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the frames of one file in order and stops at the first frame that is incomplete, fails its
 * checksum or has an impossible length. {@link #validLength()} then tells where the good prefix ends.
 */
final class FrameReader implements AutoCloseable {
    private final Path file;
    private final DataInputStream in;
    private final CRC32C crc = new CRC32C();
    private byte[] payload = new byte[4096];
    private long validLength;
    private String stopReason;
    private int version;
    private int salt;

    private FrameReader(Path file, int expectedMagic, int oldestVersion, int newestVersion, long sequence)
            throws IOException {
        this.file = file;
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            int magic = in.readInt();
            version = in.readInt();
            if (magic != expectedMagic || version < oldestVersion || version > newestVersion) {
                in.close();
                throw new IOException(file + " is not a Runway state file of format " + oldestVersion
                        + (newestVersion > oldestVersion ? " to " + newestVersion : "") + " (magic "
                        + Integer.toHexString(magic) + ", version " + version + ")");
            }
            salt = expectedMagic == LogFiles.LOG_MAGIC ? LogFiles.salt(sequence, version) : 0;
            validLength = LogFiles.HEADER_BYTES;
        } catch (EOFException e) {
            stopReason = "header incomplete";
        }
    }

    /** A reader of log segment {@code sequence} (either format). */
    static FrameReader segment(Path file, long sequence) throws IOException {
        return new FrameReader(file, LogFiles.LOG_MAGIC, 1, LogFiles.LOG_FORMAT_VERSION, sequence);
    }

    static FrameReader snapshot(Path file) throws IOException {
        return new FrameReader(file, LogFiles.SNAPSHOT_MAGIC, LogFiles.SNAPSHOT_FORMAT_VERSION,
                LogFiles.SNAPSHOT_FORMAT_VERSION, 0);
    }

    /** The file's format version (0 when its header is incomplete). */
    int version() {
        return version;
    }

    /** Whether the 8-byte header was there; a file without one was torn right after creation. */
    boolean hasHeader() {
        return validLength >= LogFiles.HEADER_BYTES;
    }

    /** The next good frame's payload, or null at the end of the good prefix. */
    ByteSource next() throws IOException {
        if (stopReason != null) {
            return null;
        }
        int length;
        int expectedCrc;
        try {
            length = in.readInt();
        } catch (EOFException cleanEnd) {
            stopReason = "end";
            return null;
        }
        try {
            expectedCrc = in.readInt();
            if (length <= 0 || length > LogFiles.MAX_FRAME_BYTES) {
                stopReason = "impossible frame length " + length;
                return null;
            }
            if (payload.length < length) {
                payload = new byte[Math.max(length, payload.length * 2)];
            }
            in.readFully(payload, 0, length);
        } catch (EOFException torn) {
            stopReason = "frame incomplete";
            return null;
        }
        crc.reset();
        crc.update(payload, 0, length);
        if (((int) crc.getValue() ^ salt) != expectedCrc) {
            stopReason = "checksum mismatch";
            return null;
        }
        validLength += LogFiles.FRAME_HEADER_BYTES + length;
        return new ByteSource(payload, 0, length);
    }

    /** Bytes from the start of the file through the last good frame. */
    long validLength() {
        return validLength;
    }

    /** Whether reading stopped at a bad frame (rather than at the clean end of the file). */
    boolean stoppedEarly() {
        return stopReason != null && !stopReason.equals("end");
    }

    String describeStop() {
        return file + ": " + stopReason + " at offset " + validLength;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
