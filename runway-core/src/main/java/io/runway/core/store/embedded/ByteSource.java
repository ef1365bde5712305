package io.runway.core.store.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link ByteSink} wrote. Throws {@link CorruptFrameException} on anything malformed. */
final class ByteSource {
    private final byte[] bytes;
    private int position;
    private final int end;

    ByteSource(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    boolean atEnd() {
        return position == end;
    }

    /** Whether exactly one byte is left and it is {@code value}; reads nothing. */
    boolean isOnly(int value) {
        return end - position == 1 && (bytes[position] & 0xFF) == value;
    }

    int readByte() {
        if (position >= end) {
            throw new CorruptFrameException("frame ends early");
        }
        return bytes[position++] & 0xFF;
    }

    long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptFrameException("varint too long");
    }

    long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readCount() {
        long count = readVarLong();
        if (count < 0 || count > end - position) {
            throw new CorruptFrameException("bad count " + count);
        }
        return (int) count;
    }

    String readString() {
        long lengthPlusOne = readVarLong();
        if (lengthPlusOne == 0) {
            return null;
        }
        long length = lengthPlusOne - 1;
        if (length > end - position) {
            throw new CorruptFrameException("string runs past the frame");
        }
        String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
        position += (int) length;
        return value;
    }

    Instant readInstant() {
        int present = readByte();
        if (present == 0) {
            return null;
        }
        long seconds = readSignedVarLong();
        long nanos = readVarLong();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
