package io.runway.core.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A condition on one typed attribute of a resource: {@code cpu >= 4}, {@code region == eu-west-1},
 * {@code region != us-east-1}, {@code gpu in [a100, h100]}, or a bare name ({@code ssd}) meaning "present
 * and not {@code false}".
 *
 * <p>Comparison rules, chosen so that a constraint never matches by accident:
 * <ul>
 *   <li>{@code <, <=, >, >=} need a number on the right (refused at parse time otherwise) and match only a
 *       numeric attribute; a string attribute such as {@code "4"} never satisfies them.</li>
 *   <li>{@code ==, !=, in} compare numerically when the attribute is a number and the value reads as one
 *       ({@code cpu == 4} matches 4 and 4.0); otherwise they compare the attribute's text exactly
 *       (case-sensitive; booleans are {@code true}/{@code false}).</li>
 *   <li>A missing attribute satisfies only {@code !=}.</li>
 * </ul>
 * Values are bare words ({@code [A-Za-z0-9._:/+-]}) or double-quoted strings ({@code "a b"}, with
 * {@code \"} and {@code \\}). Immutable.
 */
public record AttributeConstraint(String attribute, Operator operator, List<String> values) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
    private static final int MAX_LENGTH = 1024;
    private static final int MAX_VALUES = 64;

    /** The comparison a constraint makes. */
    public enum Operator {
        EXISTS(""), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean isOrdering() {
            return this == LT || this == LE || this == GT || this == GE;
        }
    }

    public AttributeConstraint {
        values = List.copyOf(values);
    }

    /**
     * @param field the request or spec field path, named in errors (e.g. {@code constraints[1]})
     * @throws ConstraintException naming the field and the column of the problem
     */
    public static AttributeConstraint parse(String text, String field) {
        return new Parser(text == null ? "" : text, field).parse();
    }

    /** Whether a resource with these attributes satisfies this constraint. */
    public boolean matches(Map<String, Object> attributes) {
        Object value = attributes.get(attribute);
        if (value == null) {
            return operator == Operator.NE;
        }
        return switch (operator) {
            case EXISTS -> !Boolean.FALSE.equals(value);
            case EQ -> equal(value, values.get(0));
            case NE -> !equal(value, values.get(0));
            case IN -> values.stream().anyMatch(v -> equal(value, v));
            case LT, LE, GT, GE -> ordered(value);
        };
    }

    private boolean ordered(Object value) {
        BigDecimal actual = number(value);
        if (actual == null) {
            return false;
        }
        int c = actual.compareTo(new BigDecimal(values.get(0)));
        return switch (operator) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean equal(Object value, String literal) {
        BigDecimal actual = number(value);
        if (actual != null) {
            BigDecimal expected = parseNumber(literal);
            return expected != null && actual.compareTo(expected) == 0;
        }
        return String.valueOf(value).equals(literal);
    }

    /** The attribute as a number, or null when it is not a (finite) number. */
    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            if (n instanceof Double d && !Double.isFinite(d) || n instanceof Float f && !Float.isFinite(f)) {
                return null;
            }
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        }
        return null;
    }

    static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Canonical text that parses back to an equal constraint. */
    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> attribute;
            case IN -> attribute + " in [" + String.join(", ", values.stream().map(AttributeConstraint::quote).toList()) + "]";
            default -> attribute + " " + operator.symbol() + " " + quote(values.get(0));
        };
    }

    private static String quote(String value) {
        if (!value.isEmpty() && value.chars().allMatch(Parser::isBare) && !"in".equals(value)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** One parse of one text. */
    private static final class Parser {
        private final String text;
        private final String field;
        private int pos;

        Parser(String text, String field) {
            this.text = text;
            this.field = field;
        }

        AttributeConstraint parse() {
            if (text.length() > MAX_LENGTH) {
                throw error(MAX_LENGTH, "constraint longer than " + MAX_LENGTH + " characters");
            }
            skipSpace();
            if (pos == text.length()) {
                throw error(pos, "empty constraint; write e.g. cpu >= 4, region == eu-west-1 or ssd");
            }
            int nameAt = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(nameAt, pos);
            if (name.isEmpty()) {
                throw error(nameAt, "expected an attribute name, found '" + text.charAt(nameAt) + "'");
            }
            if (!NAME.matcher(name).matches()) {
                throw error(nameAt, "attribute name '" + name + "' must be 1 to 63 characters of A-Z, a-z, 0-9, '_', '.' and '-'");
            }
            skipSpace();
            if (pos == text.length()) {
                return new AttributeConstraint(name, Operator.EXISTS, List.of());
            }
            int opAt = pos;
            Operator op = operator();
            if (op == null) {
                throw error(opAt, "expected an operator (==, !=, <, <=, >, >=, in) after '" + name + "'");
            }
            skipSpace();
            List<String> values = new ArrayList<>();
            if (op == Operator.IN) {
                list(values);
            } else {
                int valueAt = pos;
                values.add(value());
                if (op.isOrdering() && parseNumber(values.get(0)) == null) {
                    throw error(valueAt, "'" + op.symbol() + "' compares numbers, but '" + values.get(0) + "' is not a number");
                }
            }
            skipSpace();
            if (pos < text.length()) {
                throw error(pos, "unexpected '" + text.charAt(pos) + "' after the value");
            }
            return new AttributeConstraint(name, op, values);
        }

        private Operator operator() {
            for (String symbol : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                if (text.startsWith(symbol, pos)) {
                    pos += symbol.length();
                    return switch (symbol) {
                        case "==" -> Operator.EQ;
                        case "!=" -> Operator.NE;
                        case "<=" -> Operator.LE;
                        case ">=" -> Operator.GE;
                        case "<" -> Operator.LT;
                        default -> Operator.GT;
                    };
                }
            }
            if (text.startsWith("in", pos) && (pos + 2 == text.length() || !isNameChar(text.charAt(pos + 2)))) {
                pos += 2;
                return Operator.IN;
            }
            return null;
        }

        private void list(List<String> into) {
            if (pos == text.length() || text.charAt(pos) != '[') {
                throw error(pos, "'in' needs a list such as [a100, h100]");
            }
            pos++;
            while (true) {
                skipSpace();
                into.add(value());
                if (into.size() > MAX_VALUES) {
                    throw error(pos, "a list holds at most " + MAX_VALUES + " values");
                }
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) == ']') {
                    pos++;
                    return;
                } else {
                    throw error(pos, "expected ',' or ']' in the list");
                }
            }
        }

        private String value() {
            if (pos == text.length()) {
                throw error(pos, "expected a value");
            }
            if (text.charAt(pos) == '"') {
                return quoted();
            }
            int start = pos;
            while (pos < text.length() && isBare(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(pos, "expected a value, found '" + text.charAt(pos) + "'");
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            int start = pos++;
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                if (Character.isISOControl(c)) {
                    throw error(pos - 1, "control character in a quoted value");
                }
                out.append(c);
            }
            throw error(start, "unclosed quote");
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private static boolean isNameChar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
        }

        static boolean isBare(int c) {
            return c < 128 && (Character.isLetterOrDigit(c) || "._:/+-".indexOf(c) >= 0);
        }

        private ConstraintException error(int at, String problem) {
            return new ConstraintException(field, text, at + 1, problem);
        }
    }
}
