package io.runway.core.placement;

import io.runway.core.lease.ResourceStatus;
import io.runway.core.pool.CapacitySpec;
import io.runway.core.pool.PoolSpec;
import io.runway.core.resource.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides scaling from a capacity snapshot: pure, no I/O, time given. For each waiting placement in queue
 * order it first counts what already exists for it (free resources it accepts, then resources being
 * provisioned that it accepts), and provisions the rest at once in the cheapest pool that can make
 * matching resources within the pool's max, the overall cap, the cost limit and the deadline — so a pool
 * grows by exactly demand − (idle + provisioning). Pools below {@code min} are filled up. Provisioned
 * resources FREE for longer than their pool's {@code idleTimeout} are scaled down, oldest idle first,
 * never below {@code min} and never in a pool that has unmet demand this round. A pool is not grown for an
 * owner beyond its per-owner quota there (what the owner holds plus what this round adds for it): the
 * engine would never grant those resources to that owner.
 */
public final class ScalingDecider {

    /**
     * A waiting request, in the engine's queue order. Plain lease requests ({@code placement} false) count
     * against what exists, as the engine's reservation does, but capacity is provisioned only for placements.
     */
    public record Demand(String id, PlacementRequest request, boolean placement) {
        public Demand(String id, PlacementRequest request) {
            this(id, request, true);
        }
    }

    /**
     * @param provisionable the pools whose provider can add resources from their template
     * @param resources every resource that is not retired
     * @param heldByOwner per pool with a per-owner quota: resources each owner holds there
     */
    public record Input(Instant now, List<PoolSpec> pools, Set<String> provisionable, CapacitySpec caps,
                        List<ResourceStatus> resources, List<Demand> demands, Map<String, Map<String, Integer>> heldByOwner) {}

    private ScalingDecider() {}

    public static ScalingPlan decide(Input in) {
        return new Round(in).run();
    }

    /** One decision's working state. */
    private static final class Round {
        private final Input in;
        private final Map<String, PoolSpec> pools = new LinkedHashMap<>();
        private final Map<String, Integer> live = new HashMap<>();
        private final Map<String, Integer> added = new TreeMap<>();
        private final Map<String, List<String>> why = new HashMap<>();
        private final List<Shapes.Shape> shapes;
        private final Set<String> demandPools = new HashSet<>();
        private final Map<String, ScalingPlan.RequestVerdict> verdicts = new LinkedHashMap<>();
        /** Pool → owner → resources this round provisions for the owner's requests. */
        private final Map<String, Map<String, Integer>> addedForOwner = new HashMap<>();
        private int totalLive;

        Round(Input in) {
            this.in = in;
            in.pools().forEach(p -> pools.put(p.name(), p));
            for (ResourceStatus r : in.resources()) {
                live.merge(r.view().pool(), 1, Integer::sum);
                totalLive++;
            }
            this.shapes = Shapes.of(in.resources());
        }

        ScalingPlan run() {
            for (Demand d : in.demands()) {
                serve(d);
            }
            fillToMin();
            List<ScalingPlan.Provision> provisions = new ArrayList<>();
            added.forEach((pool, n) -> provisions.add(new ScalingPlan.Provision(pool, n, String.join("; ", why.get(pool)))));
            return new ScalingPlan(provisions, scaleDown(), verdicts);
        }

        private void serve(Demand d) {
            PlacementRequest r = d.request();
            int need = r.count();
            need = take(r, need, false);
            need = take(r, need, true);
            if (!d.placement()) {
                return;
            }
            if (need == 0) {
                verdicts.put(d.id(), new ScalingPlan.RequestVerdict(false,
                        "waiting for matching resources that are being provisioned or promised to it"));
                return;
            }
            List<String> refusals = new ArrayList<>();
            PoolSpec best = null;
            for (PoolSpec pool : pools.values()) {
                if (r.pool() != null && !r.pool().equals(pool.name())) {
                    continue;
                }
                String refusal = refusal(pool, r, need);
                if (refusal == null) {
                    if (best == null || cheaper(pool, best)) {
                        best = pool;
                    }
                } else if (!refusal.isEmpty() && !refusals.contains(refusal)) {
                    refusals.add(refusal);
                }
            }
            if (best != null) {
                demandPools.add(best.name());
                added.merge(best.name(), need, Integer::sum);
                addedForOwner.computeIfAbsent(best.name(), k -> new HashMap<>()).merge(r.owner(), need, Integer::sum);
                totalLive += need;
                why.computeIfAbsent(best.name(), k -> new ArrayList<>()).add(need + " for " + d.id());
                verdicts.put(d.id(), new ScalingPlan.RequestVerdict(false, "provisioning " + need + " resource(s) in pool " + best.name()));
                return;
            }
            if (r.pool() != null) {
                demandPools.add(r.pool());
            }
            String existing = Shapes.diagnose(shapes, r);
            String scaling = refusals.isEmpty() ? "no pool" + (r.pool() == null ? "" : " in scope") + " can provision resources"
                    : String.join("; ", refusals);
            long matching = existingMatching(r);
            long most = matching + provisionableRoom(r);
            if (matching > 0 && most < r.count()) {
                // It would wait forever while holding back, by reservation, the requests behind it that need
                // the same resources; with nothing matching it holds nothing back and waits as blocked.
                verdicts.put(d.id(), new ScalingPlan.RequestVerdict(true, true, "can never be placed: at most " + most
                        + " matching resource(s) can exist, " + r.count() + " needed; " + existing + "; " + scaling));
                return;
            }
            verdicts.put(d.id(), new ScalingPlan.RequestVerdict(true, existing + "; " + scaling));
        }

        /** Resources that exist (in any state: leased ones are released some day) and that {@code r} accepts. */
        private long existingMatching(PlacementRequest r) {
            long existing = 0;
            for (Shapes.Shape s : shapes) {
                if (s.serves(r)) {
                    existing += s.total;
                }
            }
            return existing;
        }

        /**
         * How many more resources {@code r} accepts the pools could still add, up to their max and the overall
         * cap. Cost limits and deadlines do not get looser with time, so a pool they rule out never counts.
         */
        private long provisionableRoom(PlacementRequest r) {
            long room = 0;
            for (PoolSpec pool : pools.values()) {
                if ((r.pool() == null || r.pool().equals(pool.name())) && in.provisionable().contains(pool.name())
                        && pool.template() != null && servesFromTemplate(pool, r)) {
                    room += Math.max(0, pool.maxResources() - live.getOrDefault(pool.name(), 0));
                }
            }
            long overallRoom = Math.max(0, (long) in.caps().maxOrUnlimited() - (totalLive - added.values().stream()
                    .mapToInt(Integer::intValue).sum()));
            return Math.min(room, overallRoom);
        }

        private boolean servesFromTemplate(PoolSpec pool, PlacementRequest r) {
            if (!r.capability().matches(Set.copyOf(pool.template().labels()))
                    || !RequestPolicy.feasible(r, pool.template().attributes())) {
                return false;
            }
            return r.deadline() == null || !in.now().plus(pool.provisioningTimeOrDefault()).plus(r.estimatedDuration())
                    .isAfter(r.deadline());
        }

        /** Counts free (or provisioning) resources the request accepts against its need; returns what is left. */
        private int take(PlacementRequest r, int need, boolean provisioning) {
            for (Shapes.Shape s : shapes) {
                if (need == 0) {
                    break;
                }
                int available = provisioning ? s.provisioning : s.free;
                if (available > 0 && s.serves(r)) {
                    int n = Math.min(need, available);
                    if (provisioning) {
                        s.provisioning -= n;
                    } else {
                        s.free -= n;
                    }
                    need -= n;
                    demandPools.add(s.pool);
                }
            }
            return need;
        }

        /** Why {@code pool} cannot provision {@code need} resources for {@code r}; "" to say nothing; null if it can. */
        private String refusal(PoolSpec pool, PlacementRequest r, int need) {
            if (!in.provisionable().contains(pool.name()) || pool.template() == null) {
                return "";
            }
            String p = "pool " + pool.name();
            if (!r.capability().matches(Set.copyOf(pool.template().labels()))) {
                return p + "'s template does not match '" + r.capability() + "'";
            }
            for (AttributeConstraint c : r.constraints()) {
                if (!c.matches(pool.template().attributes())) {
                    return p + "'s template does not satisfy " + c;
                }
            }
            Double limit = r.costLimitPerResource();
            double cost = RequestPolicy.cost(pool.template().attributes());
            if (limit != null && cost > limit + 1e-9) {
                return p + " costs " + Shapes.money(cost) + "/h per resource, over the cost limit of "
                        + Shapes.money(r.costLimitPerHour()) + "/h for " + r.count();
            }
            Duration ready = pool.provisioningTimeOrDefault();
            if (r.deadline() != null && in.now().plus(ready).plus(r.estimatedDuration()).isAfter(r.deadline())) {
                return p + " needs " + ready.toSeconds() + "s to provision; with the estimated " + r.estimatedDuration().toSeconds()
                        + "s the task would end after its deadline " + r.deadline();
            }
            Integer perOwner = pool.quota().perOwner();
            if (perOwner != null) {
                int owned = in.heldByOwner().getOrDefault(pool.name(), Map.of()).getOrDefault(r.owner(), 0)
                        + addedForOwner.getOrDefault(pool.name(), Map.of()).getOrDefault(r.owner(), 0);
                if (owned + need > perOwner) {
                    return p + " quota.perOwner " + perOwner + " reached for owner '" + r.owner() + "' (holds or is given "
                            + owned + ", " + need + " more needed)";
                }
            }
            int holds = live.getOrDefault(pool.name(), 0) + added.getOrDefault(pool.name(), 0);
            if (holds + need > pool.maxResources()) {
                return p + " max " + pool.maxResources() + " reached (holds " + holds + ", " + need + " more needed)";
            }
            CapacitySpec caps = in.caps();
            if ((long) totalLive + need > caps.maxOrUnlimited()) {
                return "overall max " + caps.maxResources() + " reached (all pools hold " + totalLive + ", " + need + " more needed)";
            }
            return null;
        }

        private static boolean cheaper(PoolSpec a, PoolSpec b) {
            return RequestPolicy.cost(a.template().attributes()) < RequestPolicy.cost(b.template().attributes());
        }

        private void fillToMin() {
            for (PoolSpec pool : pools.values()) {
                if (!in.provisionable().contains(pool.name()) || pool.template() == null) {
                    continue;
                }
                int holds = live.getOrDefault(pool.name(), 0) + added.getOrDefault(pool.name(), 0);
                int missing = Math.min(pool.minResources() - holds, in.caps().maxOrUnlimited() - totalLive);
                if (missing > 0) {
                    added.merge(pool.name(), missing, Integer::sum);
                    totalLive += missing;
                    why.computeIfAbsent(pool.name(), k -> new ArrayList<>()).add(missing + " to reach min " + pool.minResources());
                }
            }
        }

        private List<ScalingPlan.Deprovision> scaleDown() {
            Map<String, List<ResourceStatus>> idle = new TreeMap<>();
            for (ResourceStatus r : in.resources()) {
                PoolSpec pool = pools.get(r.view().pool());
                if (pool != null && r.provisioned() && r.view().state() == ResourceState.FREE
                        && !r.stateSince().plus(pool.idleTimeoutOrDefault()).isAfter(in.now())) {
                    idle.computeIfAbsent(pool.name(), k -> new ArrayList<>()).add(r);
                }
            }
            List<ScalingPlan.Deprovision> out = new ArrayList<>();
            idle.forEach((name, candidates) -> {
                if (demandPools.contains(name) || added.containsKey(name)) {
                    return; // the pool has demand this round: idle resources there are about to be used
                }
                PoolSpec pool = pools.get(name);
                int removable = live.getOrDefault(name, 0) - pool.minResources();
                candidates.sort(Comparator.comparing(ResourceStatus::stateSince).thenComparing(r -> r.view().id()));
                for (int i = 0; i < Math.min(removable, candidates.size()); i++) {
                    ResourceStatus r = candidates.get(i);
                    out.add(new ScalingPlan.Deprovision(name, r.view().id(), "idle since " + r.stateSince() + ", past idle timeout "
                            + pool.idleTimeoutOrDefault().toSeconds() + "s; pool " + name + " keeps min " + pool.minResources()));
                }
            });
            return out;
        }
    }
}
