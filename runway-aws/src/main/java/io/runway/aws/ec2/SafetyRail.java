package io.runway.aws.ec2;

import io.runway.core.error.ConflictException;
import java.util.Locale;

/**
 * "Am I terminating a large share of the fleet?" A call may terminate at most
 * {@code max(1, floor(share x live))} of a pool's live instances; more is refused with a
 * {@link ConflictException} (exit code 5, "refused by a safety rail") and nothing is terminated. At least
 * one may always go, so a pool of one can still be emptied, one call at a time.
 */
public record SafetyRail(double maxShare) {

    public SafetyRail {
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("maxShare must be in (0, 1], was " + maxShare);
        }
    }

    /** How many of {@code live} instances one call may terminate. */
    public int allowance(int live) {
        return Math.max(1, (int) Math.floor(maxShare * live + 1e-9));
    }

    public void check(String pool, int toTerminate, int live) {
        if (toTerminate > allowance(live)) {
            throw new ConflictException("safety_rail", String.format(Locale.ROOT,
                    "refused by a safety rail: terminating %d of the %d live instances of pool %s is more than %s%%"
                            + " at once (at most %d); terminate in smaller batches or raise maxTerminatePercent",
                    toTerminate, live, pool, java.math.BigDecimal.valueOf(maxShare * 100).stripTrailingZeros().toPlainString(),
                    allowance(live)));
        }
    }
}
