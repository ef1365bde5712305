package io.runway.core.task.cron;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cron-utils side: a definition matching Jenkins (five fields, day-of-month AND day-of-week) and a
 * small least-recently-used cache of compiled {@link ExecutionTime}s by schedule. A cron-utils schedule
 * costs about 1.5 KB; keeping one per distinct schedule would dominate the memory of 100,000 schedules,
 * while building one takes tens of microseconds and is needed only when a schedule fires.
 */
final class ExecutionTimes {
    static final int CAPACITY = 1024;
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).and()
            .withHours().withValidRange(0, 23).and()
            .withDayOfMonth().withValidRange(1, 31).and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).and()
            .matchDayOfWeekAndDayOfMonth()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    private static final Map<CronSchedule, List<ExecutionTime>> CACHE = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CronSchedule, List<ExecutionTime>> eldest) {
            return size() > CAPACITY;
        }
    };

    private ExecutionTimes() {}

    static List<ExecutionTime> of(CronSchedule schedule) {
        synchronized (CACHE) {
            List<ExecutionTime> hit = CACHE.get(schedule);
            if (hit != null) {
                return hit;
            }
        }
        List<ExecutionTime> built = schedule.lines().stream().map(l -> ExecutionTime.forCron(PARSER.parse(l))).toList();
        synchronized (CACHE) {
            CACHE.put(schedule, built);
        }
        return built;
    }
}
