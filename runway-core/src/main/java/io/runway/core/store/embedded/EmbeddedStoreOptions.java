package io.runway.core.store.embedded;

/** Immutable options of an {@link EmbeddedStateStore}; build with {@link #builder()}. */
public final class EmbeddedStoreOptions {
    /** Default log size that triggers compaction: rare enough to be cheap, small enough to replay fast. */
    public static final long DEFAULT_COMPACT_AFTER_BYTES = 64L << 20;

    private final long compactAfterBytes;

    private EmbeddedStoreOptions(Builder builder) {
        this.compactAfterBytes = builder.compactAfterBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static EmbeddedStoreOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().compactAfterBytes(compactAfterBytes);
    }

    /**
     * Log bytes written since the last snapshot after which a new snapshot is taken and old segments are
     * dropped. The effective bar is the larger of this and the last snapshot's size.
     */
    public long compactAfterBytes() {
        return compactAfterBytes;
    }

    public static final class Builder {
        private long compactAfterBytes = DEFAULT_COMPACT_AFTER_BYTES;

        private Builder() {
        }

        public Builder compactAfterBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("compactAfterBytes must be positive");
            }
            this.compactAfterBytes = bytes;
            return this;
        }

        public EmbeddedStoreOptions build() {
            return new EmbeddedStoreOptions(this);
        }
    }
}
