package io.runway.core.spec;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Builds and takes apart field paths such as {@code pools[0].resources[2].name}; the root is "". */
public final class FieldPath {
    private FieldPath() {}

    public static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path of the parser's current position (the value being read). */
    public static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        return strip(String.join("", parts));
    }

    /** The path of a binding error. */
    public static String of(List<JsonMappingException.Reference> references) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                b.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return strip(b.toString());
    }

    /** The parent path, or null for the root. */
    public static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    public static boolean isIndex(String path) {
        return path.endsWith("]");
    }

    /** The last field name of a path that ends with a field. */
    public static String lastName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** True when {@code path} is {@code ancestor} or lies under it. */
    public static boolean isWithin(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + ".")
                || path.startsWith(ancestor + "[");
    }

    private static String strip(String s) {
        return s.startsWith(".") ? s.substring(1) : s;
    }
}
