package io.runway.core.task.cron;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns Jenkins cron text into a shared {@link CronSchedule}: {@link JenkinsCronParser} resolves
 * {@code H}, the resolved fields are interned by value (lines and zone), and cron-utils does the
 * calendar arithmetic when fires are asked for. Thread-safe.
 */
public final class CronSchedules {
    private static final int[] FULL_MIN = {0, 0, 1, 1, 0};
    private static final int[] FULL_MAX = {59, 23, 31, 12, 6};

    private final ConcurrentHashMap<CronSchedule, CronSchedule> interned = new ConcurrentHashMap<>();

    /**
     * @param text Jenkins cron text
     * @param name the hash seed of {@code H} (the graph name)
     * @param defaultZone the zone when the text has no {@code TZ=} line
     * @param field the spec field named in errors
     * @throws CronSyntaxException with the line and column of the problem
     */
    public CronSchedule compile(String text, String name, ZoneId defaultZone, String field) {
        JenkinsCronParser.Parsed parsed = new JenkinsCronParser(field).parse(text, name);
        ZoneId zone = parsed.zone() != null ? parsed.zone() : defaultZone == null ? ZoneOffset.UTC : defaultZone;
        List<long[]> lines = new ArrayList<>();
        for (long[] bits : parsed.lines()) {
            long[] p = CronSchedule.pack(bits);
            if (lines.stream().noneMatch(l -> java.util.Arrays.equals(l, p))) {
                lines.add(p);
            }
        }
        long[] packed = new long[lines.size() * 3];
        for (int i = 0; i < lines.size(); i++) {
            System.arraycopy(lines.get(i), 0, packed, 3 * i, 3);
        }
        CronSchedule s = new CronSchedule(packed, zone);
        CronSchedule existing = interned.putIfAbsent(s, s);
        return existing != null ? existing : s;
    }

    /** Number of distinct resolved schedules held. */
    public int size() {
        return interned.size();
    }

    /** Plain five-field cron of one line's bit sets: {@code *} for a full field, else a comma list. */
    static String render(long[] bits) {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < 5; f++) {
            if (f > 0) {
                b.append(' ');
            }
            long full = 0;
            for (int i = FULL_MIN[f]; i <= FULL_MAX[f]; i++) {
                full |= 1L << i;
            }
            if (bits[f] == full) {
                b.append('*');
                continue;
            }
            boolean first = true;
            for (int i = FULL_MIN[f]; i <= FULL_MAX[f]; i++) {
                if ((bits[f] & (1L << i)) != 0) {
                    b.append(first ? "" : ",").append(i);
                    first = false;
                }
            }
        }
        return b.toString();
    }
}
