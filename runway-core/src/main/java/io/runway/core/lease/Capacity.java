package io.runway.core.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.core.error.ConflictException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.QuotaExceededException;
import io.runway.core.pool.CapacitySpec;
import io.runway.core.pool.ResourceTemplate;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.spec.PoolsConfigValidator;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.ResourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resources added and removed at run time: {@code PROVISIONING → FREE} when the provider has made them,
 * {@code FREE → RETIRED} when scaled down. Each is described by a {@code capacity} document written in the
 * same batch as its PROVISIONING record (so it survives a restart with its labels and attributes) and
 * deleted once the provider confirms deprovisioning. Caps (per pool and overall) are enforced here too, as
 * a safety rail behind the scaling decider. Writer-owned.
 */
final class Capacity {
    static final String KIND = "capacity";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The durable description of one provisioned resource. */
    record Description(String pool, List<String> labels, Map<String, Object> attributes) {}

    private final ResourceIndex index;
    private final ResourceLifecycle lifecycle;
    private final CapacitySpec caps;
    private final Map<String, Integer> nextNumber = new HashMap<>();
    /** Resources whose deprovisioning failed: when to ask the provider again, and how many times it failed. */
    private final Map<ResourceSlot, Instant> deprovisionRetryAt = new HashMap<>();
    private final Map<ResourceSlot, Integer> deprovisionFailures = new HashMap<>();
    static final Duration FIRST_DEPROVISION_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_DEPROVISION_RETRY = Duration.ofMinutes(10);

    Capacity(ResourceIndex index, ResourceLifecycle lifecycle, CapacitySpec caps) {
        this.index = index;
        this.lifecycle = lifecycle;
        this.caps = caps;
    }

    /** Resources that count towards the overall cap: every one not retired, including those provisioning. */
    int live() {
        int sum = 0;
        for (PoolSlot pool : index.pools()) {
            sum += pool.size;
        }
        return sum;
    }

    /** Records {@code count} new resources of {@code poolName} as PROVISIONING; the provider is asked once durable. */
    List<ResourceView> provision(String poolName, int count, String reason, Instant now, Changes ch) {
        PoolSlot pool = index.pool(poolName);
        if (pool == null) {
            throw new NotFoundException("pool", "no pool named '" + poolName + "'");
        }
        ResourceTemplate template = pool.spec.template();
        if (template == null || !(pool.provider instanceof CapacityProvider)) {
            throw new InvalidInputException("pool", "pool " + poolName + " cannot provision: "
                    + (template == null ? "it has no template" : "provider " + pool.provider.name() + " cannot add resources"));
        }
        if (count < 1) {
            throw new InvalidInputException("count", "count must be at least 1, was " + count);
        }
        if (pool.size + count > pool.spec.maxResources()) {
            throw new QuotaExceededException("count", "pool " + poolName + " max " + pool.spec.maxResources()
                    + " reached: it holds " + pool.size + ", " + count + " more asked for");
        }
        int live = live();
        if ((long) live + count > caps.maxOrUnlimited()) {
            throw new QuotaExceededException("count", "overall max " + caps.maxResources() + " reached: all pools hold "
                    + live + ", " + count + " more asked for");
        }
        List<ResourceView> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = nextId(pool);
            ResourceSlot slot = new ResourceSlot(id, pool, template.labels(), template.attributes(),
                    new ResourceRecord(id, 1, poolName, ResourceState.PROVISIONING, null, now, 0));
            slot.dynamic = true;
            slot.documentVersion = 1;
            index.addResource(slot);
            ch.put(slot);
            ch.documents.add(new DocumentRecord(KIND, id, 1, write(new Description(poolName, template.labels(),
                    template.attributes()))));
            ch.event(new AuditEvent(now, null, id, "resource.provisioning", "engine", null,
                    ResourceState.PROVISIONING.name(), reason));
            ch.provisions.add(slot);
            made.add(slot.view());
        }
        return made;
    }

    /**
     * The provider finished provisioning {@code slot}, reporting {@code facts} about it; stale reports (slot no
     * longer PROVISIONING) are ignored. Facts join the attributes (the template's win) in the batch that makes
     * the resource FREE, and its description document is rewritten with them so a restart keeps them.
     */
    void provisioned(ResourceSlot slot, Throwable failure, Map<String, Object> facts, Instant now, Changes ch) {
        if (slot.state() != ResourceState.PROVISIONING) {
            return;
        }
        if (failure == null) {
            String noted = describe(slot, facts, ch);
            ch.event(new AuditEvent(now, null, slot.id, "resource.state", "engine", "PROVISIONING", "FREE",
                    "provisioned by " + slot.pool.provider.name() + noted));
            lifecycle.move(slot, ResourceState.FREE, null, now, ch);
            return;
        }
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        retireNow(slot, "provisioning failed: " + why, now, ch);
    }

    /** Adds the acceptable facts to the slot's attributes (durably); returns what the audit event should say. */
    private String describe(ResourceSlot slot, Map<String, Object> facts, Changes ch) {
        if (facts.isEmpty()) {
            return "";
        }
        Map<String, Object> merged = new LinkedHashMap<>(slot.attributes);
        List<String> added = new ArrayList<>();
        List<String> left = new ArrayList<>();
        new TreeMap<>(facts).forEach((key, value) -> {
            String problem = PoolsConfigValidator.attributeProblem(key, value);
            if (problem != null) {
                left.add(key + " (" + problem + ")");
            } else if (merged.containsKey(key)) {
                left.add(key + " (the pool's template sets it)");
            } else {
                merged.put(key, value);
                added.add(key + "=" + value);
            }
        });
        if (!added.isEmpty()) {
            index.describe(slot, merged);
            slot.documentVersion++;
            ch.documents.add(new DocumentRecord(KIND, slot.id, slot.documentVersion,
                    write(new Description(slot.pool.name(), slot.labelList, slot.attributes))));
        }
        return (added.isEmpty() ? "" : "; reported " + String.join(", ", added))
                + (left.isEmpty() ? "" : "; left out " + String.join(", ", left));
    }

    /** Scales down one provisioned resource; refused unless it is FREE (so never one a lease holds). */
    ResourceView retire(String id, String reason, Instant now, Changes ch) {
        ResourceSlot slot = index.resource(id);
        if (slot == null) {
            throw new NotFoundException("id", "no resource " + id);
        }
        if (!slot.dynamic) {
            throw new ConflictException("not_provisioned", "resource " + id + " is listed in configuration; only provisioned resources are scaled down");
        }
        if (slot.state() != ResourceState.FREE || !slot.configured) {
            throw new ConflictException("resource_busy", "resource " + id + " is " + slot.state() + ", not FREE; not scaled down");
        }
        retireNow(slot, reason, now, ch);
        return slot.view();
    }

    private void retireNow(ResourceSlot slot, String reason, Instant now, Changes ch) {
        ch.event(new AuditEvent(now, null, slot.id, "resource.retired", "engine", slot.state().name(), "RETIRED", reason));
        index.retired(slot);
        lifecycle.move(slot, ResourceState.RETIRED, null, now, ch);
        ch.deprovisions.add(slot);
    }

    /** The provider finished deprovisioning: forget the description (the RETIRED record stays for audit). */
    void deprovisioned(ResourceSlot slot, Throwable failure, Instant now, Changes ch) {
        if (slot.documentVersion == 0) {
            return; // already confirmed
        }
        if (failure != null) {
            // A thing left running costs money: ask again with a doubling wait (a restart asks at once).
            int failures = deprovisionFailures.merge(slot, 1, Integer::sum);
            Duration wait = retryWait(failures);
            deprovisionRetryAt.put(slot, now.plus(wait));
            String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            ch.event(new AuditEvent(now, null, slot.id, "resource.deprovision_failed", "engine", "RETIRED", "RETIRED",
                    why + "; asked again in " + wait.toSeconds() + "s (failure " + failures + ")"));
            return;
        }
        deprovisionRetryAt.remove(slot);
        deprovisionFailures.remove(slot);
        ch.documents.add(new DocumentRecord(KIND, slot.id, slot.documentVersion + 1, null));
        slot.documentVersion = 0;
        ch.event(new AuditEvent(now, null, slot.id, "resource.deprovisioned", "engine", "RETIRED", "RETIRED",
                "deprovisioned by " + slot.pool.provider.name()));
    }

    /** Asks the provider again for the failed deprovisions whose wait is over. */
    void tick(Instant now, Changes ch) {
        for (Iterator<Map.Entry<ResourceSlot, Instant>> it = deprovisionRetryAt.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ResourceSlot, Instant> due = it.next();
            if (!now.isBefore(due.getValue())) {
                it.remove();
                ch.deprovisions.add(due.getKey());
            }
        }
    }

    static Duration retryWait(int failures) {
        Duration wait = FIRST_DEPROVISION_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(LONGEST_DEPROVISION_RETRY) > 0 ? LONGEST_DEPROVISION_RETRY : wait;
    }

    /** After a restart: provisioning and deprovisioning that were under way are asked for again. */
    void recover(ResourceSlot slot, Changes ch) {
        if (!slot.dynamic) {
            return;
        }
        if (slot.state() == ResourceState.PROVISIONING) {
            ch.provisions.add(slot);
        } else if (slot.state() == ResourceState.RETIRED && slot.documentVersion > 0) {
            ch.deprovisions.add(slot);
        }
    }

    private String nextId(PoolSlot pool) {
        int n = nextNumber.getOrDefault(pool.name(), 0);
        String id;
        do {
            id = pool.name() + "-s" + (++n);
        } while (index.resource(id) != null);
        nextNumber.put(pool.name(), n);
        return id;
    }

    static String write(Description d) {
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Description read(String body) {
        try {
            return JSON.readValue(body, Description.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable capacity document: " + e.getMessage(), e);
        }
    }
}
