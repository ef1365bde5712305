package io.runway.jenkins.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.InvalidSpecException;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a rollout spec for the {@code rollout} step: from a workspace file's text, or from the step's
 * inline fields (the same names as the spec file). Either way the spec goes through core's reader, so the
 * same problems are reported, with field paths, as {@code runway validate} reports.
 */
public final class RolloutSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RolloutSpecs() {}

    /** @param sourceName the file name (or "rollout step") shown in problem lines */
    public static RolloutSpec read(String sourceName, String text) {
        SpecResult<RolloutSpec> result = SpecKind.ROLLOUT.reader().read(sourceName, text);
        if (!result.isValid()) {
            throw new InvalidSpecException(result.problems());
        }
        return result.value();
    }

    /** The inline fields as a spec document: null values are left out, as if not written. */
    public static String inline(Map<String, Object> fields) {
        Map<String, Object> doc = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                doc.put(k, v);
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new io.runway.core.error.InvalidInputException(null, "the rollout step's fields are not plain values: " + e.getOriginalMessage());
        }
    }
}
