package io.runway.bench;

import com.thoughtworks.xstream.XStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Saves an object graph the way Jenkins' {@code XmlFile.write} does through its {@code AtomicFileWriter}:
 * XStream writes the whole graph as XML into a new temp file in the target's directory, the temp file is
 * forced with {@code force(true)} (data and metadata), then renamed over the target atomically. Like
 * Jenkins, the directory itself is not forced after the rename.
 */
final class AtomicXmlFile {
    private static final String HEADER = "<?xml version='1.1' encoding='UTF-8'?>\n";

    private final Path target;
    private final XStream xstream;
    /** Time spent in XStream, and in writing the rest out, forcing and renaming; one writer at a time. */
    private long serializeNanos;
    private long persistNanos;
    private long writes;

    AtomicXmlFile(Path target, XStream xstream) {
        this.target = target;
        this.xstream = xstream;
    }

    void write(Object graph) {
        try {
            Path temp = Files.createTempFile(target.getParent(), "atomic", "tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                Writer writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
                long started = System.nanoTime();
                writer.write(HEADER);
                xstream.toXML(graph, writer);
                long serialized = System.nanoTime();
                writer.flush();
                channel.force(true);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                serializeNanos += serialized - started;
                persistNanos += System.nanoTime() - serialized;
                writes++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean milliseconds per write spent in XStream (the buffered writer may already have written some bytes). */
    double serializeMillisPerWrite() {
        return writes == 0 ? 0 : serializeNanos / 1e6 / writes;
    }

    /** Mean milliseconds per write spent flushing the rest, forcing and renaming. */
    double persistMillisPerWrite() {
        return writes == 0 ? 0 : persistNanos / 1e6 / writes;
    }

    long size() {
        try {
            return Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
