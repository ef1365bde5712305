package io.runway.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every client-observed hold, from the lines of {@link LoadWorker}s, and the invariants over the whole
 * history: on each resource, the holds [grant acknowledged, release sent] never overlap, and fencing
 * tokens strictly increase in grant order. Sound because the server's hold contains the client's.
 */
final class HoldHistory {
    record Hold(String leaseId, long fencing, long grantedNanos, long releaseNanos, String expiresAt, List<String> resources) {}

    final Map<String, Hold> holds = new HashMap<>();
    final Set<String> releaseAcknowledged = new HashSet<>();

    static HoldHistory parse(Collection<String> lines) {
        HoldHistory h = new HoldHistory();
        Map<String, Long> releases = new HashMap<>();
        for (String line : lines) {
            String[] p = line.split(" ");
            switch (p[0]) {
                case "GRANT" -> h.holds.put(p[1], new Hold(p[1], Long.parseLong(p[2]), Long.parseLong(p[3]), Long.MAX_VALUE,
                        p[4], List.of(p).subList(5, p.length)));
                case "RELEASE" -> releases.put(p[1], Long.parseLong(p[2]));
                case "RELEASED" -> h.releaseAcknowledged.add(p[1]);
                default -> { }
            }
        }
        releases.forEach((id, at) -> h.holds.computeIfPresent(id, (k, g) ->
                new Hold(g.leaseId, g.fencing, g.grantedNanos, at, g.expiresAt, g.resources)));
        return h;
    }

    /** Returns the problems found (empty when the invariants hold). */
    List<String> violations() {
        Map<String, List<Hold>> byResource = new HashMap<>();
        for (Hold hold : holds.values()) {
            hold.resources.forEach(r -> byResource.computeIfAbsent(r, k -> new ArrayList<>()).add(hold));
        }
        List<String> problems = new ArrayList<>();
        byResource.forEach((resource, list) -> {
            list.sort(Comparator.comparingLong(Hold::grantedNanos));
            for (int i = 1; i < list.size(); i++) {
                Hold before = list.get(i - 1);
                Hold after = list.get(i);
                if (after.grantedNanos <= before.releaseNanos) {
                    problems.add(resource + ": " + after.leaseId + " granted while " + before.leaseId + " still held it");
                }
                if (after.fencing <= before.fencing) {
                    problems.add(resource + ": fencing " + after.fencing + " of " + after.leaseId
                            + " not above " + before.fencing + " of " + before.leaseId);
                }
            }
        });
        return problems;
    }
}
