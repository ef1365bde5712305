package io.runway.core.store.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one file kept ready to become the next log segment ({@link LogFiles#SPARE_NAME}). A segment that a
 * compaction retires is renamed to it instead of being deleted; a busy store that has none yet gets one
 * zero-filled in the background. Overwriting a file's existing blocks lets each commit's
 * {@code fdatasync} skip the file system journal, and not deleting a 64 MB segment at every compaction
 * spares the commit path the 10-15 ms stall that freeing its blocks causes (measured with online discard).
 * Costs one segment's worth of disk.
 *
 * <p>Thread-safe: the writer takes the spare at a roll, the compactor offers retired segments, and the
 * zero-filling runs on its own thread.
 */
final class SpareSegment {
    private static final Logger LOG = LoggerFactory.getLogger(SpareSegment.class);
    private static final int CHUNK_BYTES = 1 << 20;
    /** Forced every this many bytes, so the zero-filling never leaves much dirty data for a commit to wait on. */
    private static final int FORCE_EVERY_BYTES = 8 << 20;

    private final Path dir;
    private final Path file;
    private boolean ready;
    private Thread filling;
    private boolean closing;
    /** A failed zero-fill (a full disk, say) is not retried; retired segments still become spares. */
    private boolean fillFailed;

    SpareSegment(Path dir) {
        this.dir = dir;
        this.file = LogFiles.spare(dir);
        this.ready = Files.isRegularFile(file);
    }

    /** The spare's path, now no longer spare, for the writer to rename into place; null if there is none. */
    synchronized Path take() {
        if (!ready) {
            return null;
        }
        ready = false;
        return file;
    }

    /**
     * Keeps {@code retired} as the spare when there is none and none is being made; otherwise deletes it.
     * The caller syncs the directory afterwards.
     */
    synchronized void offer(Path retired) throws IOException {
        if (!ready && filling == null && !closing) {
            Files.move(retired, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ready = true;
        } else {
            Files.deleteIfExists(retired);
        }
    }

    /** Starts zero-filling a spare of {@code bytes} in the background unless one exists or is on its way. */
    synchronized void prepare(long bytes) {
        if (ready || filling != null || closing || fillFailed) {
            return;
        }
        filling = new Thread(() -> fill(bytes), "runway-store-spare[" + dir + "]");
        filling.setDaemon(true);
        filling.start();
    }

    private void fill(long bytes) {
        Path temp = dir.resolve(LogFiles.SPARE_NAME + LogFiles.TEMP_SUFFIX);
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK_BYTES);
                long unforced = 0;
                for (long written = 0; written < bytes && !isClosing(); ) {
                    zeros.clear().limit((int) Math.min(CHUNK_BYTES, bytes - written));
                    while (zeros.hasRemaining()) {
                        int n = channel.write(zeros);
                        written += n;
                        unforced += n;
                    }
                    if (unforced >= FORCE_EVERY_BYTES) {
                        channel.force(false);
                        unforced = 0;
                    }
                }
                channel.force(true);
            }
            synchronized (this) {
                if (!closing) {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    ready = true;
                    done = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not prepare a spare log segment in {}; new segments are created as they are needed",
                    dir, e);
            synchronized (this) {
                fillFailed = true;
            }
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Deleted on the next open (a *.tmp file).
                }
            }
            synchronized (this) {
                filling = null;
                notifyAll();
            }
        }
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    /** Stops a zero-fill under way and waits for it, so no thread touches the directory after unlock. */
    synchronized void close() {
        closing = true;
        BackgroundThreads.awaitWhileHolding(this, () -> filling == null);
    }
}
