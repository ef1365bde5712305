package io.runway.core.task.cron;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Jenkins cron text ("Build periodically" syntax) into resolved field sets: {@code H} is replaced
 * by values picked with {@link CronHash} from the schedule's name, so what is left is plain cron that
 * cron-utils evaluates. Supported, as in Jenkins: {@code *}, {@code N}, {@code a-b}, {@code a-b/n},
 * {@code * /n}, lists with {@code ,}, {@code H}, {@code H(a-b)}, {@code H/n}, {@code H(a-b)/n}, the
 * nicknames {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}, {@code #} comments,
 * blank lines, several schedule lines (fires when any line matches) and a {@code TZ=Zone/Id} line before
 * the first schedule line. Day-of-week 0 and 7 are both Sunday; a line fires when all five fields match
 * (Jenkins checks day-of-month and day-of-week together, unlike Vixie cron).
 */
public final class JenkinsCronParser {
    static final int MAX_CHARS = 4096;
    private static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "H H H H *",
            "@annually", "H H H H *",
            "@monthly", "H H H * *",
            "@weekly", "H H * * H",
            "@daily", "H H * * *",
            "@midnight", "H H(0-2) * * *",
            "@hourly", "H * * * *");

    /** The resolved text: its zone (null if no TZ line) and one bit set per field per schedule line. */
    public record Parsed(ZoneId zone, List<long[]> lines) {}

    private final String field;

    /** @param field the spec field path named in errors, e.g. {@code schedule.cron} */
    public JenkinsCronParser(String field) {
        this.field = field;
    }

    /**
     * @param name the hash seed, normally the graph name
     * @throws CronSyntaxException at the line and column of the first problem
     */
    public Parsed parse(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new CronSyntaxException(field, 1, 1, "a cron schedule is required, e.g. 'H * * * *' or '@daily'");
        }
        if (text.length() > MAX_CHARS) {
            throw new CronSyntaxException(field, 1, 1, "longer than " + MAX_CHARS + " characters");
        }
        String[] rawLines = text.split("\\r?\\n|\\r", -1);
        ZoneId zone = null;
        List<long[]> lines = new ArrayList<>();
        for (int i = 0; i < rawLines.length; i++) {
            String raw = rawLines[i];
            int indent = leadingSpace(raw);
            String line = raw.strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("TZ=")) {
                if (!lines.isEmpty() || zone != null) {
                    throw new CronSyntaxException(field, lineNo, indent + 1, "a TZ= line must come before the first schedule line, once");
                }
                zone = zone(line.substring(3).strip(), lineNo, indent + 4);
                continue;
            }
            lines.add(new LineParser(field, lineNo, indent, name).parse(line));
        }
        if (lines.isEmpty()) {
            throw new CronSyntaxException(field, 1, 1, "no schedule line; write e.g. 'H * * * *' or '@daily'");
        }
        return new Parsed(zone, List.copyOf(lines));
    }

    private ZoneId zone(String id, int line, int column) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new CronSyntaxException(field, line, column, "unknown time zone '" + id + "'; use a region id such as Europe/Berlin or UTC");
        }
    }

    private static int leadingSpace(String s) {
        int n = 0;
        while (n < s.length() && Character.isWhitespace(s.charAt(n))) {
            n++;
        }
        return n;
    }

    /** One schedule line: five fields or a nickname. Columns are reported 1-based in the raw line. */
    private record LineParser(String field, int line, int indent, String name) {
        long[] parse(String text) {
            String expanded = text;
            int nicknameColumn = 0;
            if (text.startsWith("@")) {
                String nick = text.split("\\s+")[0];
                String fields = NICKNAMES.get(nick);
                if (fields == null) {
                    throw error(1, "unknown nickname '" + nick + "'; known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly");
                }
                if (!text.equals(nick)) {
                    throw error(nick.length() + 1, "nothing may follow " + nick);
                }
                expanded = fields;
                nicknameColumn = 1;
            }
            long[] bits = new long[5];
            int pos = 0;
            CronField[] fields = CronField.values();
            for (int f = 0; f < 5; f++) {
                while (pos < expanded.length() && Character.isWhitespace(expanded.charAt(pos))) {
                    pos++;
                }
                if (pos >= expanded.length()) {
                    throw error(column(pos, nicknameColumn), "expected 5 fields (minute hour day-of-month month day-of-week), found " + f);
                }
                int end = pos;
                while (end < expanded.length() && !Character.isWhitespace(expanded.charAt(end))) {
                    end++;
                }
                int base = nicknameColumn > 0 ? -1 : pos;
                bits[f] = new FieldParser(this, fields[f], expanded.substring(pos, end), base, nicknameColumn).parse();
                pos = end;
            }
            while (pos < expanded.length() && Character.isWhitespace(expanded.charAt(pos))) {
                pos++;
            }
            if (pos < expanded.length()) {
                throw error(column(pos, nicknameColumn), "unexpected text after 5 fields; a schedule line has only minute hour day-of-month month day-of-week");
            }
            if ((bits[4] & (1L << 7)) != 0) { // 7 is Sunday too
                bits[4] = (bits[4] & ~(1L << 7)) | 1L;
            }
            return bits;
        }

        private int column(int pos, int nicknameColumn) {
            return nicknameColumn > 0 ? nicknameColumn : pos + 1;
        }

        CronSyntaxException error(int column, String message) {
            return new CronSyntaxException(field, line, indent + column, message);
        }
    }

    /** One field: comma-separated terms. */
    private static final class FieldParser {
        private final LineParser line;
        private final CronField f;
        private final String text;
        private final int base;
        private final int fixedColumn;
        private int pos;

        FieldParser(LineParser line, CronField f, String text, int base, int fixedColumn) {
            this.line = line;
            this.f = f;
            this.text = text;
            this.base = base;
            this.fixedColumn = fixedColumn;
        }

        long parse() {
            long bits = 0;
            while (true) {
                bits |= term();
                if (pos == text.length()) {
                    return bits;
                }
                expect(',');
            }
        }

        private long term() {
            if (peek() == '*') {
                pos++;
                return range(f.min, f.max, step());
            }
            if (peek() == 'H') {
                pos++;
                int lo = f.min;
                int hi = f.hashMax;
                if (peek() == '(') {
                    pos++;
                    lo = number();
                    expect('-');
                    hi = number();
                    expect(')');
                    checkRange(lo, hi);
                }
                int step = step();
                int span = hi - lo + 1;
                if (step > span) {
                    throw error("step " + step + " is larger than the range of " + span + " values");
                }
                if (step == 0) { // plain H: one value
                    return 1L << (lo + CronHash.pick(line.name(), f.label, span));
                }
                return range(lo + CronHash.pick(line.name(), f.label, step), hi, step);
            }
            int lo = number();
            int hi = lo;
            if (peek() == '-') {
                pos++;
                hi = number();
                checkRange(lo, hi);
                return range(lo, hi, step());
            }
            checkRange(lo, hi);
            if (peek() == '/') {
                throw error("a step needs a range or * before it, e.g. 0-59/" + "15 or */15");
            }
            return 1L << lo;
        }

        /** 0 when there is no step. */
        private int step() {
            if (peek() != '/') {
                return 0;
            }
            pos++;
            int at = pos;
            int n = number();
            if (n < 1) {
                pos = at;
                throw error("a step must be at least 1");
            }
            return n;
        }

        private long range(int lo, int hi, int step) {
            long bits = 0;
            for (int i = lo; i <= hi; i += Math.max(step, 1)) {
                bits |= 1L << i;
            }
            return bits;
        }

        private void checkRange(int lo, int hi) {
            if (lo < f.min || hi > f.max) {
                throw error(f.label + " values are " + f.min + " to " + f.max);
            }
            if (lo > hi) {
                throw error("range " + lo + "-" + hi + " is reversed");
            }
        }

        private int number() {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 4) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "' in the " + f.label + " field"
                        : "the " + f.label + " field ends early");
            }
            int value = Integer.parseInt(text.substring(start, pos));
            if (value > f.max || value < f.min && peekBefore(start)) {
                pos = start;
                throw error(f.label + " values are " + f.min + " to " + f.max + ", not " + value);
            }
            return value;
        }

        /** A number below the minimum is an error except as a step (where the step check says more). */
        private boolean peekBefore(int start) {
            return start == 0 || text.charAt(start - 1) != '/';
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error(pos < text.length() ? "expected '" + c + "' but found '" + text.charAt(pos) + "' in the " + f.label + " field"
                        : "expected '" + c + "' at the end of the " + f.label + " field");
            }
            pos++;
        }

        private CronSyntaxException error(String message) {
            return line.error(fixedColumn > 0 ? fixedColumn : base + pos + 1, message);
        }
    }
}
