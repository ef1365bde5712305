package io.runway.aws.ec2;

import io.runway.core.deploy.SweepReport;
import io.runway.core.error.RunwayException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The janitor of an EC2 pool: terminates tagged instances that no live lease holds. An instance this
 * controller launched is an orphan as soon as its lease is not live here; one launched by another
 * controller only once its {@code runway:expires-at} has passed too (that controller stopped
 * refreshing it), so two controllers sharing a pool never sweep each other's live work. An instance
 * without a lease tag is never touched. The safety rail bounds each sweep; what it holds back is
 * reported as failed and taken by the next sweep.
 */
public final class OrphanSweeper {
    private final Ec2Capacity capacity;

    public OrphanSweeper(Ec2Capacity capacity) {
        this.capacity = capacity;
    }

    /** Pure: which of {@code instances} are orphans at {@code now}. */
    public static List<Ec2Instance> orphans(List<Ec2Instance> instances, Predicate<String> leaseIsLive,
                                            String controllerId, Instant now) {
        List<Ec2Instance> out = new ArrayList<>();
        for (Ec2Instance i : instances) {
            String lease = i.tag(Ec2Tags.LEASE);
            if (lease == null || !i.isLive() || leaseIsLive.test(lease)) {
                continue;
            }
            boolean mine = controllerId.equals(i.tag(Ec2Tags.OWNER_CONTROLLER));
            boolean expired = i.expiresAt().map(now::isAfter).orElse(false);
            if (mine || expired) {
                out.add(i);
            }
        }
        return out;
    }

    public SweepReport sweep(Predicate<String> leaseIsLive, Instant now) {
        List<Ec2Instance> live = capacity.liveInstances();
        List<Ec2Instance> orphans = orphans(live, leaseIsLive, capacity.options().controllerId(), now);
        List<String> kept = live.stream().filter(i -> !orphans.contains(i)).map(Ec2Instance::id).toList();
        int allowance = capacity.terminateAllowance();
        List<String> now1 = orphans.stream().limit(allowance).map(Ec2Instance::id).toList();
        Map<String, String> failed = new LinkedHashMap<>();
        orphans.stream().skip(allowance).forEach(i -> failed.put(i.id(),
                "refused by a safety rail this sweep (at most " + allowance + " at once); the next sweep continues"));
        List<String> removed = new ArrayList<>();
        try {
            capacity.terminate(now1);
            removed.addAll(now1);
        } catch (RunwayException e) {
            now1.forEach(id -> failed.put(id, e.getMessage()));
        }
        return new SweepReport(removed, kept, failed);
    }
}
