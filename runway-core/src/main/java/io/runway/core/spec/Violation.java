package io.runway.core.spec;

/** A semantic problem found in a bound model: the field path and what is wrong there. */
public record Violation(String path, String message) {}
