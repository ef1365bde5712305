package io.runway.core.spec;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Binds a located tree to a record type and reports every binding problem, not only the first:
 * after each failure the offending field is cut out of a copy of the tree and binding is retried.
 * The cut paths are returned so that semantic checks do not report the same spot twice.
 */
final class SpecBinder {
    private static final int MAX_ATTEMPTS = 100;

    record Result<T>(T value, List<Problem> problems, List<String> cutPaths) {}

    private SpecBinder() {}

    static <T> Result<T> bind(LocatedTree tree, Class<T> type) {
        JsonNode root = tree.root().deepCopy();
        List<Problem> problems = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String removed;
            try {
                return new Result<>(SpecMappers.binder().treeToValue(root, type), problems, cut);
            } catch (UnrecognizedPropertyException e) {
                String path = FieldPath.of(e.getPath());
                problems.add(tree.problemAtKey(path, "unknown field '" + e.getPropertyName() + "'"
                        + knownFields(e)));
                removed = cutOut(root, e.getPath());
            } catch (JsonMappingException e) {
                String path = FieldPath.of(e.getPath());
                problems.add(tree.problemAtValue(path, describe(e, tree.root(), path)));
                removed = cutOut(root, e.getPath());
            } catch (StreamReadException e) {
                String path = e.getProcessor() == null ? "" : FieldPath.of(e.getProcessor().getParsingContext());
                problems.add(tree.problemAtValue(path, describe(e)));
                removed = cutOut(root, path);
            } catch (IOException e) {
                problems.add(tree.problemAtValue("", "cannot bind: " + e.getMessage()));
                return new Result<>(null, problems, cut);
            }
            if (removed == null) {
                return new Result<>(null, problems, cut);
            }
            cut.add(removed);
        }
        return new Result<>(null, problems, cut);
    }

    /**
     * Like {@link #cutOut(JsonNode, String)}, but walks the binding error's own references, so a key that holds
     * a '.' or '[' (e.g. an unknown field "a.b") is found and cut too, and binding goes on to the other problems.
     */
    private static String cutOut(JsonNode root, List<JsonMappingException.Reference> references) {
        int end = references.size();
        while (end > 0 && references.get(end - 1).getFieldName() == null) {
            end--; // a bad list element: cut the whole list
        }
        if (end == 0) {
            return null;
        }
        JsonNode parent = root;
        for (JsonMappingException.Reference r : references.subList(0, end - 1)) {
            parent = r.getFieldName() != null ? parent.get(r.getFieldName()) : parent.get(r.getIndex());
            if (parent == null) {
                return null;
            }
        }
        String name = references.get(end - 1).getFieldName();
        if (!(parent instanceof ObjectNode object) || object.remove(name) == null) {
            return null;
        }
        return FieldPath.of(references.subList(0, end));
    }

    /** Removes the field holding {@code path} (a whole list when an element is bad); null at the root. */
    private static String cutOut(JsonNode root, String path) {
        String field = path;
        while (field != null && FieldPath.isIndex(field)) {
            field = FieldPath.parent(field);
        }
        if (field == null || field.isEmpty()) {
            return null;
        }
        JsonNode parent = nodeAt(root, FieldPath.parent(field));
        if (!(parent instanceof ObjectNode object) || object.remove(FieldPath.lastName(field)) == null) {
            return null;
        }
        return field;
    }

    private static JsonNode nodeAt(JsonNode root, String path) {
        if (path == null) {
            return null;
        }
        if (path.isEmpty()) {
            return root;
        }
        // Walk the tree by JSON Pointer built from the dotted path.
        StringBuilder pointer = new StringBuilder();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
        }
        JsonNode node = root.at(pointer.toString());
        return node.isMissingNode() ? null : node;
    }

    private static String knownFields(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        TreeSet<String> names = new TreeSet<>();
        e.getKnownPropertyIds().forEach(id -> names.add(String.valueOf(id)));
        return "; expected one of: " + String.join(", ", names);
    }

    private static String describe(JsonMappingException e, JsonNode root, String path) {
        if (e.getCause() instanceof InputCoercionException c) {
            return describe(c);
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
            return f.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + ValueDescriptions.expected(m.getTargetType()) + ", found "
                    + ValueDescriptions.found(nodeAt(root, path));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return "invalid value: " + e.getCause().getMessage();
        }
        return e.getOriginalMessage();
    }

    private static String describe(StreamReadException e) {
        if (e instanceof InputCoercionException c) {
            return c.getTargetType() == null ? "number out of range"
                    : "number out of range for " + ValueDescriptions.expected(c.getTargetType());
        }
        return e.getOriginalMessage();
    }
}
