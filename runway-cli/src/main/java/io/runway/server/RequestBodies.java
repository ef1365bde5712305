package io.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseRequestSpec;
import io.runway.core.spec.InvalidSpecException;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import io.runway.core.spec.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Turns request bodies into engine requests. Strict on purpose: an unknown field, a number written as a
 * string or a fraction where an integer belongs is refused with the field's name, never guessed at.
 */
public final class RequestBodies {
    private static final Set<String> RENEW_FIELDS = Set.of("ttl");

    private RequestBodies() {}

    /** Parses a JSON object; malformed JSON or another JSON type is a 400. */
    public static JsonNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = ApiJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "malformed JSON: " + e.getOriginalMessage()).toException();
        } catch (java.io.IOException e) {
            throw ApiError.badRequest(null, "unreadable body").toException();
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(null, "the body must be a JSON object").toException();
        }
        return node;
    }

    /**
     * {@code {"owner","pool"?,"capability"?,"count"?=1,"ttl","wait"?="0s","priority"?=0}}, read as the typed
     * {@code lease-request} spec (the same strict reader and JSON Schema as spec files).
     */
    public static LeaseRequest acquire(byte[] body) {
        parseObject(body); // malformed JSON and non-objects get the API's own messages
        SpecResult<LeaseRequestSpec> read = SpecKind.LEASE_REQUEST.reader()
                .read("request", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        if (!read.isValid()) {
            throw new InvalidSpecException(read.problems());
        }
        return read.value().toRequest();
    }

    /** {@code {"ttl"}}: the new time to live, counted from now. */
    public static Duration renewTtl(JsonNode body) {
        checkFields(body, RENEW_FIELDS);
        return Durations.parse(requiredText(body, "ttl"), "ttl");
    }

    private static void checkFields(JsonNode body, Set<String> known) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw ApiError.badRequest(name, "unknown field '" + name + "'; known fields: "
                        + new java.util.TreeSet<>(known)).toException();
            }
        }
    }

    private static String requiredText(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null) {
            throw ApiError.badRequest(field, field + " is required").toException();
        }
        return value;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field, field + " must be a string, was " + describe(v)).toException();
        }
        return v.textValue();
    }

    private static int optionalInt(JsonNode body, String field, int absent) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.badRequest(field, field + " must be an integer, was " + describe(v)).toException();
        }
        return v.intValue();
    }

    private static String describe(JsonNode v) {
        String type = v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        String text = v.toString();
        return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
