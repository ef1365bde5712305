package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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

    public RequirementsSpec {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** The attribute constraints, parsed; the spec was validated, so they parse. */
    public List<AttributeConstraint> constraints() {
        return attributes.stream().map(a -> AttributeConstraint.parse(a, "requirements.attributes")).toList();
    }
}
