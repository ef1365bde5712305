package io.runway.core.lease;

import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.NotGrantedException;
import io.runway.core.error.QuotaExceededException;
import io.runway.core.pool.LeaseLimits;
import io.runway.core.spec.Printable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Refuses bad or hopeless requests before they change anything, naming the offending field. */
final class RequestChecks {
    private static final int MAX_OWNER_LENGTH = 200;
    private static final int MAX_PRIORITY = 1000;

    private final LeaseLimits limits;
    private final Set<String> poolNames;

    RequestChecks(LeaseLimits limits, Set<String> poolNames) {
        this.limits = limits;
        this.poolNames = poolNames;
    }

    /** Checks that need no engine state; run on the caller's thread. */
    void check(LeaseRequest r) {
        if (r.owner() == null || r.owner().isBlank()) {
            throw new InvalidInputException("owner", "owner is required");
        }
        // Owners are shown in lease lists, logs and the UI: no control or bidi characters, zero-width space or
        // byte-order mark, which could forge a line or make one owner look like another.
        if (r.owner().length() > MAX_OWNER_LENGTH || Printable.firstDeceptive(r.owner()) >= 0) {
            throw new InvalidInputException("owner", "owner must be at most " + MAX_OWNER_LENGTH
                    + " characters with no control or bidi characters, zero-width space or byte-order mark");
        }
        if (r.pool() != null && !poolNames.contains(r.pool())) {
            throw new NotFoundException("pool", "no pool named '" + r.pool() + "'; pools: " + new TreeSet<>(poolNames));
        }
        if (r.count() < 1 || r.count() > limits.maxCount()) {
            throw new InvalidInputException("count", "count must be between 1 and " + limits.maxCount() + ", was " + r.count());
        }
        checkTtl(r.ttl());
        if (r.waitFor().isNegative() || r.waitFor().compareTo(limits.maxWait()) > 0) {
            throw new InvalidInputException("wait", "wait must be between 0s and the server's maximum of "
                    + limits.maxWait() + ", was " + r.waitFor());
        }
        if (r.priority() < -MAX_PRIORITY || r.priority() > MAX_PRIORITY) { // not Math.abs: it keeps MIN_VALUE negative
            throw new InvalidInputException("priority",
                    "priority must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY + ", was " + r.priority());
        }
    }

    void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new InvalidInputException("ttl", "ttl must be a positive duration such as 15m");
        }
        if (ttl.compareTo(limits.maxTtl()) > 0) {
            throw new InvalidInputException("ttl", "ttl " + ttl + " is longer than the server's maximum of " + limits.maxTtl());
        }
    }

    /** Refuses at once what could never be granted, instead of letting it wait; run on the writer. */
    void checkSatisfiable(LeaseRequest r, PoolSlot scope, ResourceIndex index) {
        Map<PoolSlot, Integer> matching = index.matching(scope, r.capability());
        int total = 0;
        long withinQuota = 0;
        for (Map.Entry<PoolSlot, Integer> e : matching.entrySet()) {
            total += e.getValue();
            withinQuota += Math.min(e.getValue(), e.getKey().quotaLeft(r.owner()));
        }
        if (total < r.count()) {
            throw new NotGrantedException("can never be granted: " + r.count() + " resource(s) asked for but only "
                    + total + " in " + (scope == null ? "any pool" : "pool " + scope.name())
                    + (r.capability().toString().isEmpty() ? "" : " match '" + r.capability() + "'"));
        }
        if (withinQuota < r.count()) {
            throw new QuotaExceededException("count", "owner '" + r.owner() + "' may hold only " + withinQuota
                    + " more matching resource(s) under the per-owner quota; asked for " + r.count());
        }
    }
}
