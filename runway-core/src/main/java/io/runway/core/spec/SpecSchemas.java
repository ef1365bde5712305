package io.runway.core.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.task.MissedRunPolicy;
import io.runway.core.task.ScheduleSpec;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskGraphSpecValidator;
import io.runway.core.task.TaskSpec;
import io.runway.core.task.TriggerRule;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * JSON Schemas (draft 2020-12) of the spec kinds, generated from the model records. The document is
 * an object keyed by kind name ({@code {"pools": {...}}}); each value is a complete, standalone schema
 * that editors can use for files of that kind.
 */
public final class SpecSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecSchemas() {}

    /** Every kind's schema, keyed by kind name. */
    public static ObjectNode all() {
        ObjectNode out = JSON.createObjectNode();
        for (SpecKind<?> kind : SpecKind.all()) {
            out.set(kind.name(), of(kind.type()));
        }
        return out;
    }

    public static String allAsText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode of(Class<?> type) {
        return new SchemaGenerator(config().build()).generateSchema(type);
    }

    private static SchemaGeneratorConfigBuilder config() {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        b.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> type.getErasedType() == Duration.class
                ? new CustomDefinition(context.getGeneratorConfig().createObjectNode()
                        .put("type", "string")
                        // No description here: the field's own merges in cleanly (no allOf wrapper).
                        .put("pattern", SpecPatterns.DURATION),
                        CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES)
                : null);
        b.forFields().withStringPatternResolver(SpecSchemas::pattern);
        b.forFields().withArrayUniqueItemsResolver(f -> isLabels(f) && !f.isFakeContainerItemScope() ? Boolean.TRUE : null);
        b.forFields().withNumberInclusiveMinimumResolver(f -> switch (f.getName()) {
            case "perOwner", "maxCount", "max", "maxResources" -> java.math.BigDecimal.ONE;
            case "min" -> java.math.BigDecimal.ZERO;
            default -> null;
        });
        b.forFields().withEnumResolver(SpecSchemas::enumValues);
        b.forFields().withCustomDefinitionProvider((field, context) -> isAttributes(field)
                ? new CustomPropertyDefinition(attributesSchema(context.getGeneratorConfig().createObjectNode()),
                        CustomDefinition.AttributeInclusion.YES)
                : null);
        return b;
    }

    private static List<String> enumValues(FieldScope f) {
        Class<?> owner = f.getDeclaringType().getErasedType();
        if (owner == PoolSpec.class && "provider".equals(f.getName())) {
            return PoolsConfigValidator.PROVIDERS.stream().sorted().toList();
        }
        if (owner == ScheduleSpec.class && "missedRuns".equals(f.getName())) {
            return Arrays.stream(MissedRunPolicy.values()).map(MissedRunPolicy::specName).toList();
        }
        if (owner == TaskSpec.class && "trigger".equals(f.getName())) {
            return Arrays.stream(TriggerRule.values()).map(TriggerRule::specName).toList();
        }
        return null;
    }

    private static ObjectNode attributesSchema(ObjectNode node) {
        node.put("type", "object");
        node.putObject("propertyNames").put("pattern", SpecPatterns.ATTRIBUTE_KEY);
        node.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        return node;
    }

    private static String pattern(FieldScope field) {
        Class<?> owner = field.getDeclaringType().getErasedType();
        if (owner == PoolSpec.class && "name".equals(field.getName())) {
            return SpecPatterns.POOL_NAME;
        }
        if (owner == ResourceSpec.class && "name".equals(field.getName())) {
            return SpecPatterns.RESOURCE_NAME;
        }
        if (owner == TaskGraphSpec.class && "name".equals(field.getName())) {
            return "^" + TaskGraphSpecValidator.GRAPH_NAME.pattern() + "$";
        }
        if (owner == TaskSpec.class && "name".equals(field.getName())) {
            return "^" + TaskGraphSpecValidator.TASK_NAME.pattern() + "$";
        }
        return isLabels(field) && field.isFakeContainerItemScope() ? SpecPatterns.LABEL : null;
    }

    private static boolean isLabels(FieldScope field) {
        return isResourceShape(field) && "labels".equals(field.getName());
    }

    private static boolean isAttributes(FieldScope field) {
        return isResourceShape(field) && "attributes".equals(field.getName()) && !field.isFakeContainerItemScope();
    }

    private static boolean isResourceShape(FieldScope field) {
        Class<?> owner = field.getDeclaringType().getErasedType();
        return owner == ResourceSpec.class || owner == io.runway.core.pool.ResourceTemplate.class;
    }
}
