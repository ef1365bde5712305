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
 * *.tmp                         a snapshot being written; ignored and deleted on open
 * </pre>
 *
 * Every file starts with an 8-byte header (magic, format version). Every frame is
 * {@code [int length][int CRC32C of payload][payload]}, so a torn or partial write is detected.
 */
final class LogFiles {
    static final int LOG_MAGIC = 0x52574C47; // "RWLG"
    static final int SNAPSHOT_MAGIC = 0x5257534E; // "RWSN"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 8;
    /** Larger frames are treated as corruption; a batch this big is not a realistic lease write. */
    static final int MAX_FRAME_BYTES = 256 << 20;

    static final String LOG_SUFFIX = ".log";
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    static final String TEMP_SUFFIX = ".tmp";

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

    /** Writes the file header into the sink. */
    static void writeHeader(ByteSink sink, int magic) {
        sink.putIntAt(sink.reserveInt(), magic);
        sink.putIntAt(sink.reserveInt(), FORMAT_VERSION);
    }

    /** Starts a frame; returns the position to pass to {@link #endFrame}. */
    static int beginFrame(ByteSink sink) {
        int start = sink.reserveInt();
        sink.reserveInt();
        return start;
    }

    static void endFrame(ByteSink sink, int start, CRC32C crc) {
        int payloadStart = start + FRAME_HEADER_BYTES;
        int length = sink.size() - payloadStart;
        crc.reset();
        crc.update(sink.array(), payloadStart, length);
        sink.putIntAt(start, length);
        sink.putIntAt(start + 4, (int) crc.getValue());
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
