package io.runway.core.store.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Layout of a state directory and the frame format shared by log segments and snapshots.
 *
 * <pre>
 * lock                          held with FileChannel.tryLock while a store is open
 * 00000000000000000007.snapshot state as of the start of segment 7
 * 00000000000000000007.log      segments 7, 8, ... replayed in order after the snapshot
 * spare.segment                 a retired (or zero-filled) segment file kept to be reused as the next one
 * *.tmp                         a snapshot or spare being written; ignored and deleted on open
 * </pre>
 *
 * Every file starts with an 8-byte header (magic, format version). Every frame is
 * {@code [int length][int checksum][payload]}, so a torn or partial write is detected. The checksum is
 * the CRC32C of the payload; in log segments of format 2 it is XORed with a salt derived from the
 * segment's sequence number.
 *
 * <p>Why the salt: a new segment reuses the file of a retired one (see {@link SpareSegment}) and
 * overwrites it from the start, because overwriting blocks a file already owns lets {@code fdatasync}
 * skip the file system's journal (no size or allocation change to record), which makes every commit
 * cheaper and keeps it from waiting behind the journal when a snapshot is written at the same time. Past
 * the last frame written, such a file still holds frames of its previous life; salted with another
 * sequence number, they fail the check and read as the end of the segment. A segment the writer left for
 * the next one ends with a {@link #SEGMENT_END} frame, so recovery can tell its end from damage.
 */
final class LogFiles {
    static final int LOG_MAGIC = 0x52574C47; // "RWLG"
    static final int SNAPSHOT_MAGIC = 0x5257534E; // "RWSN"
    /** Log segments: 1 = unsalted checksums, no end frame (still read); 2 = salted, end frame on roll. */
    static final int LOG_FORMAT_VERSION = 2;
    static final int SNAPSHOT_FORMAT_VERSION = 1;
    /** Payload tag of the frame that closes a segment the writer moved on from. */
    static final int SEGMENT_END = 2;
    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 8;
    /** Larger frames are treated as corruption; a batch this big is not a realistic lease write. */
    static final int MAX_FRAME_BYTES = 256 << 20;

    static final String LOG_SUFFIX = ".log";
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    static final String TEMP_SUFFIX = ".tmp";
    static final String SPARE_NAME = "spare.segment";

    private LogFiles() {
    }

    static Path segment(Path dir, long sequence) {
        return dir.resolve(String.format(Locale.ROOT, "%020d%s", sequence, LOG_SUFFIX));
    }

    static Path snapshot(Path dir, long sequence) {
        return dir.resolve(String.format(Locale.ROOT, "%020d%s", sequence, SNAPSHOT_SUFFIX));
    }

    /** Files with the suffix, keyed and ordered by sequence number. */
    static TreeMap<Long, Path> list(Path dir, String suffix) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + suffix)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                String number = name.substring(0, name.length() - suffix.length());
                if (number.length() == 20 && number.chars().allMatch(Character::isDigit)) {
                    files.put(Long.parseLong(number), file);
                }
            }
        }
        return files;
    }

    static List<Path> temporaryFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            stream.forEach(files::add);
        }
        return files;
    }

    static Path spare(Path dir) {
        return dir.resolve(SPARE_NAME);
    }

    /** Writes the file header into the sink. */
    static void writeHeader(ByteSink sink, int magic, int version) {
        sink.putIntAt(sink.reserveInt(), magic);
        sink.putIntAt(sink.reserveInt(), version);
    }

    /**
     * The checksum salt of a log segment: distinct for any two sequence numbers less than 2^32 apart
     * (multiplying by an odd constant is a bijection on 32-bit integers); 0 for format 1 files.
     */
    static int salt(long sequence, int version) {
        return version >= 2 ? (int) sequence * 0x9E3779B1 : 0;
    }

    /** Starts a frame; returns the position to pass to {@link #endFrame}. */
    static int beginFrame(ByteSink sink) {
        int start = sink.reserveInt();
        sink.reserveInt();
        return start;
    }

    static void endFrame(ByteSink sink, int start, CRC32C crc) {
        endFrame(sink, start, crc, 0);
    }

    /** Ends a frame whose checksum carries {@code salt} (see {@link #salt}). */
    static void endFrame(ByteSink sink, int start, CRC32C crc, int salt) {
        int payloadStart = start + FRAME_HEADER_BYTES;
        int length = sink.size() - payloadStart;
        crc.reset();
        crc.update(sink.array(), payloadStart, length);
        sink.putIntAt(start, length);
        sink.putIntAt(start + 4, (int) crc.getValue() ^ salt);
    }

    /** Makes a file creation, rename or deletion in the directory durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the metadata itself.
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }
}
