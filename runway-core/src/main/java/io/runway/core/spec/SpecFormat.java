package io.runway.core.spec;

import java.util.Locale;

/** The two syntaxes a spec may be written in. */
public enum SpecFormat {
    YAML,
    JSON;

    /** By the source name's extension; otherwise a document that starts with '{' or '[' is JSON. */
    public static SpecFormat detect(String sourceName, String text) {
        String name = sourceName == null ? "" : sourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[") ? JSON : YAML;
    }
}
