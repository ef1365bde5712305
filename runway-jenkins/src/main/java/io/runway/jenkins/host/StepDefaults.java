package io.runway.jenkins.host;

import java.time.Duration;

/**
 * Controller-wide defaults for steps that leave a value out (set from the global configuration).
 *
 * @param leaseTtl a lease's TTL when {@code ttl} is not given; the lease is renewed every half of it
 * @param leaseWait how long {@code lease} waits when {@code wait} is not given
 * @param maxPoolSharePercent the share rail: most of one pool a single lease may take
 */
public record StepDefaults(Duration leaseTtl, Duration leaseWait, int maxPoolSharePercent) {
    public static final StepDefaults BUILT_IN = new StepDefaults(Duration.ofMinutes(15), Duration.ofMinutes(30), 100);

    private static volatile StepDefaults current = BUILT_IN;

    public static StepDefaults get() {
        return current;
    }

    public static void set(StepDefaults defaults) {
        current = defaults == null ? BUILT_IN : defaults;
    }
}
