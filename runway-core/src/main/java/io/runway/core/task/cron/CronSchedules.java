package io.runway.core.task.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns Jenkins cron text into a shared {@link CronSchedule}: {@link JenkinsCronParser} resolves
 * {@code H}, the result is rendered as plain five-field cron, and cron-utils (with a definition that
 * matches day-of-month AND day-of-week, as Jenkins does) does the calendar arithmetic. Compiled
 * schedules are interned by their resolved text. Thread-safe.
 */
public final class CronSchedules {
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).and()
            .withHours().withValidRange(0, 23).and()
            .withDayOfMonth().withValidRange(1, 31).and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).and()
            .matchDayOfWeekAndDayOfMonth()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    private static final int[] FULL_MIN = {0, 0, 1, 1, 0};
    private static final int[] FULL_MAX = {59, 23, 31, 12, 6};

    private final ConcurrentHashMap<String, CronSchedule> interned = new ConcurrentHashMap<>();

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
        List<String> lines = new ArrayList<>();
        for (long[] bits : parsed.lines()) {
            String line = render(bits);
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        String canonical = "TZ=" + zone.getId() + "\n" + String.join("\n", lines);
        return interned.computeIfAbsent(canonical, c -> {
            List<ExecutionTime> times = new ArrayList<>();
            for (String line : lines) {
                Cron cron = PARSER.parse(line);
                times.add(ExecutionTime.forCron(cron));
            }
            return new CronSchedule(c, zone, times);
        });
    }

    /** Number of distinct resolved schedules held. */
    public int size() {
        return interned.size();
    }

    private static String render(long[] bits) {
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
