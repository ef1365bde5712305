package io.runway.core.task.cron;

/**
 * The five fields of a Jenkins cron line with their bounds. {@code H} picks from a narrower range in two
 * fields, as Jenkins does: day-of-month 1-28 (every month has those days) and day-of-week 0-6 (7 is
 * Sunday again).
 */
enum CronField {
    MINUTE("minute", 0, 59, 59),
    HOUR("hour", 0, 23, 23),
    DAY_OF_MONTH("day-of-month", 1, 31, 28),
    MONTH("month", 1, 12, 12),
    DAY_OF_WEEK("day-of-week", 0, 7, 6);

    final String label;
    final int min;
    final int max;
    final int hashMax;

    CronField(String label, int min, int max, int hashMax) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.hashMax = hashMax;
    }
}
