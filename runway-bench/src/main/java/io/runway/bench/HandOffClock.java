package io.runway.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Times release → next grant per resource: a release stamps its resource, and a grant whose request was
 * already waiting when that release was submitted records the gap.
 */
final class HandOffClock {
    private final AtomicLongArray releasedAt;
    private final LatencySamples samples = new LatencySamples(1 << 22);

    HandOffClock(int resources) {
        this.releasedAt = new AtomicLongArray(resources);
    }

    /** Called just before the release of {@code resource} is submitted. */
    void released(int resource) {
        releasedAt.set(resource, System.nanoTime());
    }

    /** Called when a grant of {@code resource} completes for a request made at {@code askedAt}. */
    void granted(int resource, long askedAt, boolean measuring) {
        long grantedAt = System.nanoTime();
        long freedAt = releasedAt.get(resource);
        if (freedAt > askedAt && measuring) {
            samples.record(grantedAt - freedAt);
        }
    }

    LatencySamples.Summary summarize() {
        return samples.summarize();
    }
}
