package io.runway.core.spec;

import java.util.regex.Pattern;

/**
 * The name rules shared by the validators and the JSON Schema, as anchored regular expressions
 * (JSON Schema patterns are unanchored, so the anchors matter there). They use only syntax that
 * Java and ECMA-262 regular expressions share.
 */
public final class SpecPatterns {
    public static final String POOL_NAME = "^[a-z0-9-]{1,63}$";
    public static final String RESOURCE_NAME = "^[a-z0-9][a-z0-9._-]{0,62}$";
    public static final String ATTRIBUTE_KEY = "^[A-Za-z0-9_.-]{1,63}$";
    /** No whitespace, no operator characters of label expressions, no control characters. */
    public static final String LABEL = "^[^\\s\\u0000-\\u001F\\u007F()!&|<>\"]{1,63}$";
    public static final String DURATION = "^\\s*(([0-9]{1,12}(ms|s|m|h|d))+"
            + "|[Pp]([0-9]+[Dd])?([Tt]([0-9]+[Hh])?([0-9]+[Mm])?([0-9]+([.,][0-9]{1,9})?[Ss])?)?)\\s*$";

    static final Pattern POOL_NAME_PATTERN = Pattern.compile(POOL_NAME);
    static final Pattern RESOURCE_NAME_PATTERN = Pattern.compile(RESOURCE_NAME);
    static final Pattern ATTRIBUTE_KEY_PATTERN = Pattern.compile(ATTRIBUTE_KEY);

    private SpecPatterns() {}
}
