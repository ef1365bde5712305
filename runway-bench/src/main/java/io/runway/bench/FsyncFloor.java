package io.runway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The physical floor of unbatched durability on this disk: one thread appends a small record and forces
 * it ({@code force(false)}, data only, as the store's log does) per operation.
 */
final class FsyncFloor {
    private static final int RECORD_BYTES = 64;

    record Result(long ops, double seconds, double opsPerSecond) implements java.io.Serializable {
    }

    static Result run(Path disk, Duration warmup, Duration measure) throws IOException {
        try (TempDir dir = TempDir.create(disk, "runway-fsync-");
             FileChannel log = FileChannel.open(dir.path().resolve("floor.log"), StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer record = ByteBuffer.allocateDirect(RECORD_BYTES);
            appendAndForce(log, record, warmup.toNanos());
            long started = System.nanoTime();
            long ops = appendAndForce(log, record, measure.toNanos());
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(ops, seconds, ops / seconds);
        }
    }

    private static long appendAndForce(FileChannel log, ByteBuffer record, long forNanos) throws IOException {
        long until = System.nanoTime() + forNanos;
        long ops = 0;
        do {
            record.clear();
            record.putLong(0, ops);
            while (record.hasRemaining()) {
                log.write(record);
            }
            log.force(false);
            ops++;
        } while (System.nanoTime() < until);
        return ops;
    }
}
