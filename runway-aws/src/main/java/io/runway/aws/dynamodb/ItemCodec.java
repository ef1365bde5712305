package io.runway.aws.dynamodb;

import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Store records as DynamoDB items in one table with a string partition key {@code pk} and sort key
 * {@code sk}:
 * <pre>
 *   lease      pk = L#id         sk = #                     version v, fields, ttl once ended, and in
 *                                                           {@code ev} the lease's own state changes
 *                                                           (granted, released, ...) as audit events
 *   event      pk = L#leaseId    sk = E#seq(16 hex)#writer  one audit event; ttl = at + audit retention
 *   resource   pk = R#id         sk = #                     version v, fields
 *   document   pk = D#kind/id    sk = #                     version v, body
 *   fencing    pk = F            sk = #                     hw: the highest fencing token handed out
 * </pre>
 * Lease and resource items also carry {@code gk}/{@code cs} (a constant and the commit time in
 * milliseconds): the key of the sparse {@code changes} index that controllers poll for each other's writes,
 * and {@code w}, the store instance that wrote them (a poll leaves out its own writes).
 * Instants are ISO-8601 strings, which keep nanoseconds.
 */
final class ItemCodec {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String RECORD_SK = "#";
    static final String EVENT_SK_PREFIX = "E#";
    static final String VERSION = "v";
    static final String TTL = "ttl";
    static final String CHANGES_INDEX = "changes";
    static final String CHANGES_PK = "gk";
    static final String CHANGES_SK = "cs";
    static final String CHANGES_PK_VALUE = "c";
    static final String HIGH_WATER = "hw";
    /** On a lease item: its embedded audit events, a list of maps (event fields plus {@code k}, the sort key). */
    static final String EMBEDDED_EVENTS = "ev";
    private static final String EMBEDDED_SORT_KEY = "k";
    /** On lease and resource items: the id of the store instance that wrote the current version. */
    static final String WRITER = "w";
    /** Lease attributes written only when set; a lease update removes those its record leaves unset. */
    static final List<String> OPTIONAL_LEASE_FIELDS = List.of("rq", "ga", "ex", "en", "er", TTL);
    static final Map<String, AttributeValue> FENCING_KEY = key("F", RECORD_SK);

    private ItemCodec() {}

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static String leasePk(String id) {
        return "L#" + id;
    }

    static String resourcePk(String id) {
        return "R#" + id;
    }

    static String documentPk(String kind, String id) {
        return "D#" + DocumentRecord.key(kind, id);
    }

    static Map<String, AttributeValue> leaseKey(String id) {
        return key(leasePk(id), RECORD_SK);
    }

    static Map<String, AttributeValue> resourceKey(String id) {
        return key(resourcePk(id), RECORD_SK);
    }

    /**
     * {@code endedTtl}: how long the item stays once the lease ended; since the item carries some of the
     * lease's audit events, the store passes the longer of the ended-lease and audit retentions.
     */
    static Map<String, AttributeValue> lease(LeaseRecord r, long commitMillis, Duration endedTtl) {
        Map<String, AttributeValue> item = new HashMap<>(leaseKey(r.id()));
        item.put(VERSION, n(r.version()));
        item.put("owner", s(r.owner()));
        item.put("th", s(r.tokenHash()));
        item.put("ft", n(r.fencingToken()));
        item.put("st", s(r.state().name()));
        item.put("res", AttributeValue.fromL(r.resourceIds().stream().map(ItemCodec::s).toList()));
        item.put("pri", n(r.priority()));
        putInstant(item, "rq", r.requestedAt());
        putInstant(item, "ga", r.grantedAt());
        putInstant(item, "ex", r.expiresAt());
        putInstant(item, "en", r.endedAt());
        putString(item, "er", r.endReason());
        if (r.endedAt() != null) {
            item.put(TTL, n(ttl(r.endedAt(), commitMillis, endedTtl)));
        }
        changed(item, commitMillis);
        return item;
    }

    static LeaseRecord lease(Map<String, AttributeValue> item) {
        String id = item.get(PK).s().substring(2);
        return new LeaseRecord(id, num(item, VERSION), str(item, "owner"), str(item, "th"), num(item, "ft"),
                LeaseState.valueOf(str(item, "st")), item.get("res").l().stream().map(AttributeValue::s).toList(),
                (int) num(item, "pri"), instant(item, "rq"), instant(item, "ga"), instant(item, "ex"),
                instant(item, "en"), str(item, "er"));
    }

    static Map<String, AttributeValue> resource(ResourceRecord r, long commitMillis) {
        Map<String, AttributeValue> item = new HashMap<>(resourceKey(r.id()));
        item.put(VERSION, n(r.version()));
        item.put("pool", s(r.pool()));
        item.put("st", s(r.state().name()));
        putString(item, "lid", r.leaseId());
        putInstant(item, "ss", r.stateSince());
        item.put("lft", n(r.lastFencingToken()));
        changed(item, commitMillis);
        return item;
    }

    static ResourceRecord resource(Map<String, AttributeValue> item) {
        return new ResourceRecord(item.get(PK).s().substring(2), num(item, VERSION), str(item, "pool"),
                ResourceState.valueOf(str(item, "st")), str(item, "lid"), instant(item, "ss"), num(item, "lft"));
    }

    static Map<String, AttributeValue> document(DocumentRecord d) {
        Map<String, AttributeValue> item = new HashMap<>(key(documentPk(d.kind(), d.id()), RECORD_SK));
        item.put(VERSION, n(d.version()));
        item.put("body", s(d.body()));
        return item;
    }

    static DocumentRecord document(Map<String, AttributeValue> item) {
        String key = item.get(PK).s().substring(2);
        int slash = key.indexOf('/');
        return new DocumentRecord(key.substring(0, slash), key.substring(slash + 1), num(item, VERSION),
                str(item, "body"));
    }

    static Map<String, AttributeValue> event(AuditEvent e, String sortKey, long commitMillis, Duration auditTtl) {
        Map<String, AttributeValue> item = new HashMap<>(key(leasePk(e.leaseId()), sortKey));
        putInstant(item, "at", e.at());
        putString(item, "rid", e.resourceId());
        item.put("ty", s(e.type()));
        item.put("ac", s(e.actor()));
        putString(item, "fr", e.from());
        putString(item, "to", e.to());
        putString(item, "re", e.reason());
        item.put(TTL, n(ttl(e.at(), commitMillis, auditTtl)));
        return item;
    }

    static AuditEvent event(Map<String, AttributeValue> item) {
        return new AuditEvent(instant(item, "at"), item.get(PK).s().substring(2), str(item, "rid"), str(item, "ty"),
                str(item, "ac"), str(item, "fr"), str(item, "to"), str(item, "re"));
    }

    /** An audit event as an element of a lease item's {@link #EMBEDDED_EVENTS} list. */
    static AttributeValue embeddedEvent(AuditEvent e, String sortKey) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(EMBEDDED_SORT_KEY, s(sortKey));
        putInstant(m, "at", e.at());
        putString(m, "rid", e.resourceId());
        m.put("ty", s(e.type()));
        m.put("ac", s(e.actor()));
        putString(m, "fr", e.from());
        putString(m, "to", e.to());
        putString(m, "re", e.reason());
        return AttributeValue.fromM(m);
    }

    /**
     * Every audit event of one lease partition (its lease item's embedded events and its event items), each
     * with its sort key, so that callers can merge them in order.
     */
    static Map<String, AuditEvent> eventsBySortKey(Map<String, AttributeValue> item) {
        Map<String, AuditEvent> out = new HashMap<>();
        String leaseId = item.get(PK).s().substring(2);
        if (kind(item) == 'E') {
            out.put(item.get(SK).s(), event(item));
        } else if (item.containsKey(EMBEDDED_EVENTS)) {
            for (AttributeValue v : item.get(EMBEDDED_EVENTS).l()) {
                Map<String, AttributeValue> m = v.m();
                out.put(str(m, EMBEDDED_SORT_KEY), new AuditEvent(instant(m, "at"), leaseId, str(m, "rid"),
                        str(m, "ty"), str(m, "ac"), str(m, "fr"), str(m, "to"), str(m, "re")));
            }
        }
        return out;
    }

    /** Stamps {@code item} with the store instance that writes it (see the {@code changes} poll). */
    static Map<String, AttributeValue> written(Map<String, AttributeValue> item, String writerId) {
        item.put(WRITER, s(writerId));
        return item;
    }

    /** What kind of item this is, from its key. */
    static char kind(Map<String, AttributeValue> item) {
        String sk = item.get(SK).s();
        return sk.startsWith(EVENT_SK_PREFIX) ? 'E' : item.get(PK).s().charAt(0);
    }

    static List<Map<String, AttributeValue>> keysOnly(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> key(i.get(PK).s(), i.get(SK).s())).toList();
    }

    /** A short name of the item for error messages: {@code lease L1}, {@code resource host-1}, ... */
    static String describe(Map<String, AttributeValue> key) {
        String pk = key.get(PK).s();
        return switch (pk.charAt(0)) {
            case 'L' -> (key.get(SK).s().startsWith(EVENT_SK_PREFIX) ? "audit event of lease " : "lease ") + pk.substring(2);
            case 'R' -> "resource " + pk.substring(2);
            case 'D' -> "document " + pk.substring(2);
            case 'F' -> "the fencing counter";
            default -> pk;
        };
    }

    /**
     * Expiry (epoch seconds) counted from the record's time, but never from before the commit: DynamoDB
     * deletes an item whose TTL has passed at any moment, so a record written with an old time (imported,
     * replayed) must not vanish right after it was acknowledged.
     */
    private static long ttl(Instant recordTime, long commitMillis, Duration keep) {
        long from = Math.max(recordTime.getEpochSecond(), Math.floorDiv(commitMillis, 1000));
        return from + keep.getSeconds();
    }

    private static void changed(Map<String, AttributeValue> item, long commitMillis) {
        item.put(CHANGES_PK, s(CHANGES_PK_VALUE));
        item.put(CHANGES_SK, n(commitMillis));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static long num(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    private static void putString(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }
}
