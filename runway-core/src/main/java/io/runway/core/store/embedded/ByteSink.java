package io.runway.core.store.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** A growable, reusable byte buffer with the compact encodings the log uses (varints, nullable strings). */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** A view of the written bytes; valid until the next write. */
    ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Reserves room for a fixed int to be filled in later with {@link #putIntAt}; returns its position. */
    int reserveInt() {
        ensure(4);
        size += 4;
        return size - 4;
    }

    void putIntAt(int position, int value) {
        bytes[position] = (byte) (value >>> 24);
        bytes[position + 1] = (byte) (value >>> 16);
        bytes[position + 2] = (byte) (value >>> 8);
        bytes[position + 3] = (byte) value;
    }

    /** Unsigned LEB128. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Zig-zag, so small negative numbers stay small. */
    void writeSignedVarLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    /** Length + 1 then UTF-8, so 0 stands for null. */
    void writeString(String value) {
        if (value == null) {
            writeVarLong(0);
            return;
        }
        if (isAscii(value)) {
            // Ids, states and most reasons are ASCII: encode in place instead of allocating a copy.
            int n = value.length();
            writeVarLong(n + 1L);
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[size + i] = (byte) value.charAt(i);
            }
            size += n;
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(utf8.length + 1L);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Seconds and nanos exactly, so an Instant reads back equal. */
    void writeInstant(Instant value) {
        if (value == null) {
            writeByte(0);
            return;
        }
        writeByte(1);
        writeSignedVarLong(value.getEpochSecond());
        writeVarLong(value.getNano());
    }

    void writeBytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }
}
