package io.runway.core.deploy.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a deployment's log, for error messages. */
final class LogTail {
    private static final int MAX_BYTES = 8192;

    private LogTail() {}

    /** Up to {@code lines} last lines, reading at most the last 8 KiB; a note instead if it cannot be read. */
    static String read(Path log, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return tail.isEmpty() || (tail.size() == 1 && tail.get(0).isEmpty()) ? "(log is empty)" : String.join("\n", tail);
        } catch (IOException e) {
            return "(log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
