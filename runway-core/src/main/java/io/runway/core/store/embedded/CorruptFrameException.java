package io.runway.core.store.embedded;

/** A frame that is torn, fails its checksum, or does not decode. Recovery stops at the first one. */
final class CorruptFrameException extends RuntimeException {
    CorruptFrameException(String message) {
        super(message, null, false, false);
    }
}
