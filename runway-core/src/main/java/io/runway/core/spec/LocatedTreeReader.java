package io.runway.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one YAML or JSON document into a plain tree, token by token, recording where every value
 * and key starts. Duplicate keys, YAML aliases and non-core YAML tags are problems; syntax errors end
 * the reading with one problem at their position.
 */
final class LocatedTreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String CORE_TAG = "tag:yaml.org,2002:";
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

    private final String source;
    private final JsonParser parser;
    private final Map<String, JsonLocation> values = new HashMap<>();
    private final Map<String, JsonLocation> keys = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private LocatedTreeReader(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /** The tree (null when it could not be read) and every problem found while reading it. */
    record Result(LocatedTree tree, List<Problem> problems) {}

    static Result read(String source, String text, SpecFormat format) {
        try (JsonParser parser = SpecFactories.forFormat(format).createParser(text)) {
            return new LocatedTreeReader(source, parser).readDocument();
        } catch (IOException e) {
            // Only close() can get here; reading errors are handled inside.
            return new Result(null, List.of(new Problem(source, 1, 1, Problem.FILE, "cannot read: " + e.getMessage())));
        }
    }

    private Result readDocument() {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Problem(source, 1, 1, Problem.ROOT, "the document is empty"));
                return new Result(null, problems);
            }
            JsonNode root = readValue(first, "", 0);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new Problem(source, at.getLineNr(), at.getColumnNr(), Problem.ROOT,
                        "only one document is allowed; remove what follows the first"));
            }
            return new Result(new LocatedTree(source, root, values, keys), problems);
        } catch (JsonProcessingException e) {
            problems.add(SyntaxProblems.of(source, e, FieldPath.of(parser.getParsingContext())));
            return new Result(null, problems);
        } catch (IOException e) {
            problems.add(new Problem(source, 1, 1, Problem.FILE, "cannot read: " + e.getMessage()));
            return new Result(null, problems);
        }
    }

    private JsonNode readValue(JsonToken token, String path, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        values.put(path, at);
        checkYamlFeatures(path, at);
        switch (token) {
            case START_OBJECT:
                return readObject(path, depth + 1, at);
            case START_ARRAY:
                return readArray(path, depth + 1, at);
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                // The narrowest type, so an attribute "cpu: 4" binds to an Integer, as the model's users expect.
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                    return NODES.numberNode(parser.getDecimalValue());
                }
                return floatingPoint(path, at);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token + " at " + at);
        }
    }

    /**
     * A number with a fraction or exponent, as a double, unless the double would not be the number written:
     * 1e999 overflows to infinity and 1e-999999999 underflows to 0, which would then pass checks such as
     * "a weight from 0 to 100". Those are reported here, and a harmless 0 stands in for them.
     */
    private JsonNode floatingPoint(String path, JsonLocation at) throws IOException {
        java.math.BigDecimal exact = parser.getDecimalValue();
        double value = exact.doubleValue();
        if (Double.isInfinite(value) || value == 0 && exact.signum() != 0) {
            problems.add(new Problem(source, at.getLineNr(), at.getColumnNr(), path,
                    "number out of range: " + ValueDescriptions.shortened(parser.getText())));
            return NODES.numberNode(0);
        }
        return NODES.numberNode(value);
    }

    private ObjectNode readObject(String path, int depth, JsonLocation at) throws IOException {
        checkDepth(depth, path, at);
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = FieldPath.field(path, name);
            JsonLocation keyAt = parser.currentTokenLocation();
            JsonToken valueToken = parser.nextToken();
            if (object.has(name)) {
                JsonLocation first = keys.get(child);
                problems.add(new Problem(source, keyAt.getLineNr(), keyAt.getColumnNr(), child,
                        "duplicate key '" + name + "' (first at line " + first.getLineNr() + ")"));
                parser.skipChildren();
                continue;
            }
            keys.put(child, keyAt);
            object.set(name, readValue(valueToken, child, depth));
        }
        expectEnd(token, JsonToken.END_OBJECT);
        return object;
    }

    private ArrayNode readArray(String path, int depth, JsonLocation at) throws IOException {
        checkDepth(depth, path, at);
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            array.add(readValue(token, FieldPath.index(path, array.size()), depth));
        }
        expectEnd(token, JsonToken.END_ARRAY);
        return array;
    }

    private void expectEnd(JsonToken token, JsonToken expected) throws JsonProcessingException {
        if (token != expected) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected end of the document");
        }
    }

    private void checkDepth(int depth, String path, JsonLocation at) throws JsonProcessingException {
        if (depth > SpecFactories.MAX_DEPTH) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser,
                    "nested deeper than " + SpecFactories.MAX_DEPTH + " levels", at);
        }
    }

    private void checkYamlFeatures(String path, JsonLocation at) throws IOException {
        if (!(parser instanceof YAMLParser yaml)) {
            return;
        }
        if (yaml.isCurrentAlias()) {
            problems.add(new Problem(source, at.getLineNr(), at.getColumnNr(), path,
                    "YAML aliases (*" + yaml.getText() + ") are not supported; write the value out"));
        }
        String tag = yaml.getTypeId();
        if (tag != null && !(tag.startsWith(CORE_TAG) && CORE_TAGS.contains(tag.substring(CORE_TAG.length())))) {
            String shown = tag.startsWith(CORE_TAG) ? "!!" + tag.substring(CORE_TAG.length()) : tag;
            problems.add(new Problem(source, at.getLineNr(), at.getColumnNr(), path,
                    "YAML tag '" + shown + "' is not allowed; specs hold plain values only"));
        }
    }
}
