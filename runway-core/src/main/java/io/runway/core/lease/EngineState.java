package io.runway.core.lease;

import io.runway.core.error.RunwayException;

/**
 * What the engine's parts share: the current book (replaced whole when a multi-controller engine rebuilds
 * it), the first fatal failure, and whether the engine is closed. Written only by the writer; read
 * anywhere, hence volatile.
 */
final class EngineState {
    volatile LeaseBook book;
    volatile RunwayException failure;
    volatile boolean closed;

    /** Records the first failure; after it nothing more is acknowledged. */
    void fail(RunwayException e) {
        if (failure == null) {
            failure = e;
        }
    }
}
