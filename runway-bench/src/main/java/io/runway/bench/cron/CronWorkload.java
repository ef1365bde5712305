package io.runway.bench.cron;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedules both schedulers get, as Jenkins text (for runway) and the same schedule in Quartz's
 * format ({@code sec min hour dom month dow}, {@code ?} in day-of-week). No day-of-week restriction is
 * used: Quartz cannot combine day-of-month and day-of-week, and Jenkins ANDs them.
 */
final class CronWorkload {
    record Schedule(String name, String jenkins, String quartz) {}

    private CronWorkload() {}

    /**
     * A realistic mix with {@code H} (as Jenkins users write them), for memory: every schedule hashes its
     * own name, so resolved expressions differ (their number is reported).
     */
    static List<Schedule> hashedMix(int n, java.util.function.Function<Schedule, String> resolve) {
        String[] templates = {"H/15 * * * *", "H * * * *", "H H * * *", "H H(0-5) H * *", "H/30 H(8-18) * * *", "H H H H *"};
        List<Schedule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Schedule s = new Schedule("graph-" + i, templates[i % templates.length], null);
            out.add(new Schedule(s.name(), s.jenkins(), resolve.apply(s)));
        }
        return out;
    }

    /**
     * Schedules that are all due at {@code at} (a whole minute, UTC) and varied in their other fields, so
     * they are not one shared expression: minute fixed, hour / day / month lists that contain {@code at}'s
     * and a second value picked from the index.
     */
    static List<Schedule> dueAt(int n, ZonedDateTime at) {
        ZonedDateTime t = at.withZoneSameInstant(ZoneOffset.UTC);
        int m = t.getMinute();
        int h = t.getHour();
        int d = t.getDayOfMonth();
        int mo = t.getMonthValue();
        List<Schedule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String hour = switch (i % 3) {
                case 0 -> "*";
                case 1 -> String.valueOf(h);
                default -> list(h, i % 24);
            };
            String dom = (i / 3) % 2 == 0 ? "*" : list(d, 1 + (i / 6) % 28);
            String month = (i / 168) % 2 == 0 ? "*" : list(mo, 1 + (i / 336) % 12);
            String jenkins = m + " " + hour + " " + dom + " " + month + " *";
            String quartz = "0 " + m + " " + hour + " " + dom + " " + month + " ?";
            out.add(new Schedule("graph-" + i, jenkins, quartz));
        }
        return out;
    }

    private static String list(int a, int b) {
        return a == b ? String.valueOf(a) : Math.min(a, b) + "," + Math.max(a, b);
    }

    /** Quartz text of a resolved five-field line without day-of-week restriction. */
    static String toQuartz(String resolvedLine) {
        String[] f = resolvedLine.split(" ");
        if (!"*".equals(f[4])) {
            throw new IllegalArgumentException("day-of-week restrictions are not compared: " + resolvedLine);
        }
        return "0 " + f[0] + " " + f[1] + " " + f[2] + " " + f[3] + " ?";
    }
}
