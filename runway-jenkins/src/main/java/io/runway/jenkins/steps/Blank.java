package io.runway.jenkins.steps;

/** Form fields arrive as "" when left empty; the steps treat that as "not given". */
final class Blank {
    private Blank() {}

    static String toNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
