package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.runway.core.placement.AttributeConstraint;
import java.util.List;

/** What a resource must offer to run a task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequirementsSpec(
        @JsonPropertyDescription("Only resources of this pool.")
        String pool,
        @JsonPropertyDescription("Label expression over the resource's labels, e.g. linux && (gpu || fpga) && !arm.")
        String capability,
        @JsonPropertyDescription("Attribute constraints such as 'cpu >= 4', 'region == eu-west-1', 'gpu in [a100, h100]'.")
        List<String> attributes) {
    public static final RequirementsSpec ANY = new RequirementsSpec(null, null, null);

    /** Whether the task asks for nothing, so it runs without placement. */
    public boolean none() {
        return pool == null && capability == null && attributes.isEmpty();
    }

    public RequirementsSpec {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** The attribute constraints, parsed; the spec was validated, so they parse. */
    public List<AttributeConstraint> constraints() {
        List<AttributeConstraint> out = new java.util.ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            out.add(AttributeConstraint.parse(attributes.get(i), "requirements.attributes[" + i + "]"));
        }
        return List.copyOf(out);
    }
}
