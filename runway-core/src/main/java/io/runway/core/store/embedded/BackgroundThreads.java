package io.runway.core.store.embedded;

import java.util.function.BooleanSupplier;

/** How the store's helpers (compactor, spare filler) wait for their own background thread to finish. */
final class BackgroundThreads {
    private BackgroundThreads() {
    }

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until {@code finished} is true. An interrupt does
     * not cut the wait short (the directory must not be unlocked under a running thread); it is kept for
     * the caller.
     */
    static void awaitWhileHolding(Object monitor, BooleanSupplier finished) {
        boolean interrupted = false;
        while (!finished.getAsBoolean()) {
            try {
                monitor.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
