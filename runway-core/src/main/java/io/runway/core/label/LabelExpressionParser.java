package io.runway.core.label;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Recursive-descent parser for {@link LabelExpression}; one instance parses one text. */
final class LabelExpressionParser {
    static final LabelExpression ANY = new Node.Any();
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 64;

    private final String text;
    private final String field;
    private int pos;
    private int depth;

    LabelExpressionParser(String text, String field) {
        this.text = text == null ? "" : text;
        this.field = field;
    }

    LabelExpression parse() {
        if (text.length() > MAX_LENGTH) {
            throw error(MAX_LENGTH, "expression longer than " + MAX_LENGTH + " characters");
        }
        skipSpace();
        if (pos == text.length()) {
            throw error(pos, "empty expression; write a label such as linux, or linux && !arm");
        }
        Node result = iff();
        skipSpace();
        if (pos < text.length()) {
            throw error(pos, "unexpected '" + text.charAt(pos) + "'");
        }
        return result;
    }

    private Node iff() {
        Node left = implies();
        while (accept("<->")) {
            left = new Node.Iff(left, implies());
        }
        return left;
    }

    private Node implies() {
        Node left = or();
        if (accept("->")) {
            return new Node.Implies(left, implies());
        }
        return left;
    }

    private Node or() {
        Node left = and();
        while (accept("||")) {
            left = new Node.Or(left, and());
        }
        return left;
    }

    private Node and() {
        Node left = unary();
        while (accept("&&")) {
            left = new Node.And(left, unary());
        }
        return left;
    }

    private Node unary() {
        skipSpace();
        if (++depth > MAX_DEPTH) {
            throw error(pos, "expression nested deeper than " + MAX_DEPTH);
        }
        try {
            if (accept("!")) {
                return new Node.Not(unary());
            }
            if (accept("(")) {
                Node inner = iff();
                if (!accept(")")) {
                    throw error(pos, pos == text.length() ? "missing ')'" : "expected ')' but found '" + text.charAt(pos) + "'");
                }
                return inner;
            }
            return label();
        } finally {
            depth--;
        }
    }

    private Node label() {
        skipSpace();
        if (pos == text.length()) {
            throw error(pos, "expected a label but the expression ended");
        }
        int start = pos;
        if (text.charAt(pos) == '"') {
            int end = text.indexOf('"', pos + 1);
            if (end < 0) {
                throw error(start, "unterminated quoted label");
            }
            pos = end + 1;
            String name = text.substring(start + 1, end);
            if (name.isEmpty()) {
                throw error(start, "empty quoted label");
            }
            return new Node.Label(name);
        }
        // '-' may appear inside a label (x86-64), but "->" always ends it: it is the implication operator.
        while (pos < text.length() && isLabelChar(text.charAt(pos)) && !text.startsWith("->", pos)) {
            pos++;
        }
        if (pos == start) {
            throw error(pos, "expected a label but found '" + text.charAt(pos) + "'");
        }
        return new Node.Label(text.substring(start, pos));
    }

    private static boolean isLabelChar(char c) {
        return !Character.isWhitespace(c) && "()!&|<>\"".indexOf(c) < 0;
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private LabelExpressionException error(int at, String problem) {
        return new LabelExpressionException(field, text, at + 1, problem);
    }

    /** The expression tree. */
    sealed interface Node extends LabelExpression {
        @Override
        default Set<String> requiredLabels() {
            Set<String> out = new LinkedHashSet<>();
            collectRequired(out);
            return Set.copyOf(out);
        }

        void collectRequired(Set<String> out);

        record Any() implements Node {
            public boolean matches(Set<String> labels) { return true; }
            public void collectRequired(Set<String> out) {}
            public String toString() { return ""; }
        }

        record Label(String name) implements Node {
            public boolean matches(Set<String> labels) { return labels.contains(name); }
            public void collectRequired(Set<String> out) { out.add(name); }
            public String toString() {
                boolean plain = !name.isEmpty() && name.chars().allMatch(c -> isLabelChar((char) c))
                        && !name.contains("->");
                return plain ? name : '"' + name + '"';
            }
        }

        record Not(Node inner) implements Node {
            public boolean matches(Set<String> labels) { return !inner.matches(labels); }
            public void collectRequired(Set<String> out) {}
            public String toString() { return "!" + wrap(inner); }
        }

        record And(Node left, Node right) implements Node {
            public boolean matches(Set<String> labels) { return left.matches(labels) && right.matches(labels); }
            public void collectRequired(Set<String> out) { left.collectRequired(out); right.collectRequired(out); }
            public String toString() { return wrap(left) + " && " + wrap(right); }
        }

        record Or(Node left, Node right) implements Node {
            public boolean matches(Set<String> labels) { return left.matches(labels) || right.matches(labels); }
            public void collectRequired(Set<String> out) {
                Set<String> a = new HashSet<>();
                Set<String> b = new HashSet<>();
                left.collectRequired(a);
                right.collectRequired(b);
                a.retainAll(b);
                out.addAll(a);
            }
            public String toString() { return wrap(left) + " || " + wrap(right); }
        }

        record Implies(Node left, Node right) implements Node {
            public boolean matches(Set<String> labels) { return !left.matches(labels) || right.matches(labels); }
            public void collectRequired(Set<String> out) {}
            public String toString() { return wrap(left) + " -> " + wrap(right); }
        }

        record Iff(Node left, Node right) implements Node {
            public boolean matches(Set<String> labels) { return left.matches(labels) == right.matches(labels); }
            public void collectRequired(Set<String> out) {}
            public String toString() { return wrap(left) + " <-> " + wrap(right); }
        }

        private static String wrap(Node n) {
            return n instanceof Label || n instanceof Not ? n.toString() : "(" + n + ")";
        }
    }
}
