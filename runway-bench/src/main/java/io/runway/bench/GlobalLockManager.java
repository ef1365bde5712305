package io.runway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A small model of the Lockable Resources manager design, for comparison: one global monitor around every
 * acquire and release, a FIFO queue of waiting requests that a release hands its resource to directly, and
 * after every change of a holder the whole state written out as an XML dump and forced to disk, still
 * inside the monitor (their {@code save()}).
 *
 * <p>It is deliberately generous to that design: it saves only when a holder changes (not when a request
 * is queued), serializes with a plain StringBuilder instead of XStream, and rewrites one file in place
 * instead of Jenkins' write-to-temp-then-rename.
 */
final class GlobalLockManager implements AutoCloseable {
    private final Object monitor = new Object();
    private final String[] holders;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final FileChannel file;
    private final StringBuilder xml = new StringBuilder(1 << 17);
    private boolean saving = true;
    private long saves;

    private record Waiting(String owner, CompletableFuture<Integer> handedOver) {
    }

    GlobalLockManager(Path file, int resources) throws IOException {
        this.holders = new String[resources];
        this.file = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Takes a free resource, or blocks until a release hands one over; returns its number. */
    int acquire(String owner) {
        CompletableFuture<Integer> handedOver;
        synchronized (monitor) {
            for (int i = 0; i < holders.length; i++) {
                if (holders[i] == null) {
                    holders[i] = owner;
                    save();
                    return i;
                }
            }
            handedOver = new CompletableFuture<>();
            queue.add(new Waiting(owner, handedOver));
        }
        return handedOver.join();
    }

    /** Frees a resource, handing it straight to the oldest waiting request if there is one. */
    void release(int resource) {
        synchronized (monitor) {
            Waiting next = queue.poll();
            holders[resource] = next == null ? null : next.owner();
            save();
            if (next != null) {
                next.handedOver().complete(resource);
            }
        }
    }

    /** Stops writing to disk, so the requesters can drain quickly once the measured window is over. */
    void stopSaving() {
        synchronized (monitor) {
            saving = false;
        }
    }

    long saves() {
        synchronized (monitor) {
            return saves;
        }
    }

    private void save() {
        if (!saving) {
            return;
        }
        xml.setLength(0);
        xml.append("<?xml version='1.1' encoding='UTF-8'?>\n<manager>\n  <resources>\n");
        for (int i = 0; i < holders.length; i++) {
            xml.append("    <resource>\n      <name>r-").append(i).append("</name>\n")
                    .append("      <description></description>\n      <labels>bench</labels>\n")
                    .append("      <ephemeral>false</ephemeral>\n");
            if (holders[i] == null) {
                xml.append("      <buildExternalizableId/>\n");
            } else {
                xml.append("      <buildExternalizableId>").append(holders[i]).append("#1</buildExternalizableId>\n");
            }
            xml.append("    </resource>\n");
        }
        xml.append("  </resources>\n</manager>\n");
        ByteBuffer bytes = ByteBuffer.wrap(xml.toString().getBytes(StandardCharsets.UTF_8));
        try {
            file.position(0);
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.truncate(file.position());
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        saves++;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
