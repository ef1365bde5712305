package io.runway.core.task.cron;

import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Many schedules keyed by their next fire, built for 100,000 entries: parallel arrays (key, shared
 * {@link CronSchedule}, next fire as epoch minute) plus a sorted map from minute to a bucket of slot
 * numbers. Cron fires fall on whole minutes, so all schedules due at one instant sit in one bucket and
 * are dispatched by a linear scan, and the next fire is computed once per distinct schedule per instant
 * (after the whole bucket was dispatched, so computing never delays a fire). Removal is lazy: a bucket
 * entry whose slot no longer points at that minute is skipped.
 *
 * <p>Not thread-safe: one owner thread (the scheduler's tick) uses it.
 */
public final class FireIndex<K> {
    private static final long NONE = Long.MAX_VALUE;

    /** Receives each fire; {@code slot} identifies the schedule in this index. */
    @FunctionalInterface
    public interface Listener<K> {
        void fire(K key, int slot, Instant scheduledFor);
    }

    private Object[] keys = new Object[16];
    private CronSchedule[] schedules = new CronSchedule[16];
    private long[] nextMinute = new long[16];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int used;
    private int live;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

    /** Adds a schedule whose first fire is the first one strictly after {@code after}; returns its slot. */
    public int add(K key, CronSchedule schedule, Instant after) {
        int slot = freeCount > 0 ? freeSlots[--freeCount] : used++;
        if (slot >= keys.length) {
            int n = keys.length * 2;
            keys = Arrays.copyOf(keys, n);
            schedules = Arrays.copyOf(schedules, n);
            nextMinute = Arrays.copyOf(nextMinute, n);
        }
        keys[slot] = key;
        schedules[slot] = schedule;
        nextMinute[slot] = NONE;
        live++;
        place(slot, schedule.next(after));
        return slot;
    }

    /** Moves a schedule's next fire to the first one strictly after {@code after}. */
    public void reschedule(int slot, Instant after) {
        place(slot, schedules[slot].next(after));
    }

    public void remove(int slot) {
        if (schedules[slot] == null) {
            return;
        }
        keys[slot] = null;
        schedules[slot] = null;
        nextMinute[slot] = NONE;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
        live--;
    }

    public int size() {
        return live;
    }

    /** The next fire of one slot, if it has one. */
    public Optional<Instant> nextFire(int slot) {
        long m = nextMinute[slot];
        return m == NONE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(m * 60));
    }

    /** The earliest pending fire, if any (may be a lazily removed one; dispatching then finds nothing). */
    public Optional<Instant> nextDue() {
        Map.Entry<Long, Bucket> first = buckets.firstEntry();
        return first == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(first.getKey() * 60));
    }

    /**
     * Fires every schedule due at or before {@code now}, earliest instant first, then sets each one's next
     * fire to the first strictly after {@code now}. Returns the number of fires.
     */
    @SuppressWarnings("unchecked")
    public int dispatch(Instant now, Listener<K> listener) {
        long nowMinute = Math.floorDiv(now.getEpochSecond(), 60);
        int fired = 0;
        Bucket due = new Bucket();
        Map.Entry<Long, Bucket> first;
        while ((first = buckets.firstEntry()) != null && first.getKey() <= nowMinute) {
            buckets.pollFirstEntry();
            long minute = first.getKey();
            Instant at = Instant.ofEpochSecond(minute * 60);
            Bucket b = first.getValue();
            for (int i = 0; i < b.size; i++) {
                int slot = b.slots[i];
                if (nextMinute[slot] == minute) {
                    nextMinute[slot] = NONE;
                    listener.fire((K) keys[slot], slot, at);
                    fired++;
                    due.add(slot);
                }
            }
        }
        // Schedules sharing a CronSchedule share their next fire: compute it once each.
        Map<CronSchedule, Optional<Instant>> next = new IdentityHashMap<>();
        for (int i = 0; i < due.size; i++) {
            int slot = due.slots[i];
            CronSchedule s = schedules[slot];
            if (s != null && nextMinute[slot] == NONE) { // the listener may have rescheduled or removed it
                place(slot, next.computeIfAbsent(s, x -> x.next(now)));
            }
        }
        return fired;
    }

    private void place(int slot, Optional<Instant> fire) {
        if (fire.isEmpty()) {
            nextMinute[slot] = NONE;
            return;
        }
        long minute = Math.floorDiv(fire.get().getEpochSecond(), 60);
        nextMinute[slot] = minute;
        buckets.computeIfAbsent(minute, m -> new Bucket()).add(slot);
    }

    /** A growable list of slot numbers. */
    private static final class Bucket {
        int[] slots = new int[4];
        int size;

        void add(int slot) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size * 2);
            }
            slots[size++] = slot;
        }
    }
}
