package io.runway.core.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.runway.core.lease.Grant;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of REST API v1, shared by every host that serves it ({@code runway serve} and the Jenkins
 * plugin's {@code /runway/api/v1/}), so both answer with the same documents: ISO-8601 instants, strict
 * parsing of request bodies, the lease token only in the grant, rollout environment values redacted.
 */
public final class ApiViews {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private ApiViews() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The grant's lease view with the token placed right after the owner; the only view that carries it. */
    public static Map<String, Object> grant(Grant grant) {
        Map<String, Object> view = MAPPER.convertValue(grant.lease(), new TypeReference<LinkedHashMap<String, Object>>() {});
        Map<String, Object> out = new LinkedHashMap<>();
        view.forEach((k, v) -> {
            out.put(k, v);
            if (k.equals("owner")) {
                out.put("token", grant.token());
            }
        });
        return out;
    }

    /** The rollout as readers get it: environment values (often secrets) are replaced by "***". */
    public static ObjectNode rollout(RolloutState state) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(RolloutDocuments.write(state, 1).body());
            JsonNode deploy = tree.path("spec").path("deploy");
            redact(deploy.path("env"));
            deploy.path("versions").forEach(v -> redact(v.path("env")));
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render rollout " + state.id(), e);
        }
    }

    /** The error body {@code {"error","field","message"}}. */
    public static Map<String, Object> error(String code, String field, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }

    private static void redact(JsonNode env) {
        if (env instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> o.put(name, "***"));
        }
    }
}
