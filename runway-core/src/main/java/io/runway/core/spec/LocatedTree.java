package io.runway.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A document tree plus where each value (and each field's key) starts in the source, by field path.
 * Lookups of a path that is absent fall back to its nearest present ancestor, so a missing field is
 * reported at the object that should hold it.
 */
public record LocatedTree(String source, JsonNode root, Map<String, JsonLocation> values, Map<String, JsonLocation> keys) {

    public LocatedTree {
        values = Map.copyOf(values);
        keys = Map.copyOf(keys);
    }

    public Problem problemAtValue(String path, String message) {
        return problem(path, message, false);
    }

    /** For problems about the field itself (unknown, duplicate), the key is the better place to point at. */
    public Problem problemAtKey(String path, String message) {
        return problem(path, message, true);
    }

    private Problem problem(String path, String message, boolean preferKey) {
        JsonLocation at = preferKey ? keys.get(path) : null;
        for (String p = path; at == null && p != null; p = FieldPath.parent(p)) {
            at = values.get(p);
        }
        return at == null
                ? new Problem(source, 1, 1, path, message)
                : new Problem(source, at.getLineNr(), at.getColumnNr(), path, message);
    }
}
