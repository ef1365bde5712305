package io.runway.core.task;

import io.runway.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One typed requirement on a resource attribute, parsed from text such as {@code cpu >= 4},
 * {@code region == eu-west-1} or {@code gpu in [a100, h100]}. Comparisons ({@code < <= > >=}) need a
 * number; {@code == !=} compare numbers numerically and anything else as text; {@code in} takes a
 * bracketed list of 1 to 64 values.
 */
public record AttributeConstraint(String key, Operator operator, List<String> values) {
    private static final Pattern FORM = Pattern.compile(
            "\\s*([A-Za-z0-9_.-]{1,63})\\s*(==|!=|<=|>=|<|>|\\bin\\b)\\s*(.*?)\\s*");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:/+-]{1,128}");

    /** The operators, with their text. */
    public enum Operator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        boolean numeric() {
            return this == LT || this == LE || this == GT || this == GE;
        }

        static Operator of(String text) {
            for (Operator o : values()) {
                if (o.text.equals(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException(text);
        }
    }

    public AttributeConstraint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    /**
     * @throws InvalidInputException naming {@code field} and what is wrong
     */
    public static AttributeConstraint parse(String text, String field) {
        if (text == null || text.length() > 1024) {
            throw new InvalidInputException(field, "a constraint such as 'cpu >= 4' is required (at most 1024 characters)");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException(field, "'" + text + "' is not a constraint; write KEY OP VALUE with OP one of"
                    + " == != < <= > >= in, e.g. 'cpu >= 4' or 'gpu in [a100, h100]'");
        }
        Operator op = Operator.of(m.group(2));
        String rest = m.group(3);
        List<String> values = new ArrayList<>();
        if (op == Operator.IN) {
            if (!rest.startsWith("[") || !rest.endsWith("]")) {
                throw new InvalidInputException(field, "'in' takes a bracketed list, e.g. 'gpu in [a100, h100]'");
            }
            for (String v : rest.substring(1, rest.length() - 1).split(",", -1)) {
                values.add(v.strip());
            }
            if (values.size() > 64) {
                throw new InvalidInputException(field, "'in' takes at most 64 values");
            }
        } else {
            values.add(rest);
        }
        for (String v : values) {
            if (!VALUE.matcher(v).matches()) {
                throw new InvalidInputException(field, "'" + v + "' is not a value: 1 to 128 of A-Z a-z 0-9 _ . : / + -");
            }
            if (op.numeric() && number(v) == null) {
                throw new InvalidInputException(field, "'" + op.text() + "' compares numbers, and '" + v + "' is not one");
            }
        }
        return new AttributeConstraint(m.group(1), op, values);
    }

    /** True when a resource whose attribute {@code key} is {@code actual} (null: absent) satisfies this. */
    public boolean matches(Object actual) {
        if (actual == null) {
            return operator == Operator.NE;
        }
        String text = actual instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(actual);
        BigDecimal number = actual instanceof Number n ? new BigDecimal(n.toString()) : number(text);
        return switch (operator) {
            case EQ -> same(text, number, values.get(0));
            case NE -> !same(text, number, values.get(0));
            case IN -> values.stream().anyMatch(v -> same(text, number, v));
            case LT -> number != null && number.compareTo(number(values.get(0))) < 0;
            case LE -> number != null && number.compareTo(number(values.get(0))) <= 0;
            case GT -> number != null && number.compareTo(number(values.get(0))) > 0;
            case GE -> number != null && number.compareTo(number(values.get(0))) >= 0;
        };
    }

    private static boolean same(String text, BigDecimal number, String expected) {
        BigDecimal e = number(expected);
        return number != null && e != null ? number.compareTo(e) == 0 : text.equals(expected);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return key + " " + operator.text() + " " + (operator == Operator.IN ? "[" + String.join(", ", values) + "]" : values.get(0));
    }
}
