package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SpecSchemasTest {
    private final JsonNode pools = SpecSchemas.all().get("pools");

    @Test
    void isDraft202012JsonWithRequiredFields() throws Exception {
        JsonNode reparsed = new ObjectMapper().readTree(SpecSchemas.allAsText());
        assertThat(reparsed.get("pools").toString()).isEqualTo(pools.toString());
        assertThat(pools.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(pools.path("required").toString()).isEqualTo("[\"pools\"]");
        assertThat(pools.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(definition("PoolSpec").path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(definition("ResourceSpec").path("required").toString()).isEqualTo("[\"name\"]");
    }

    @Test
    void carriesNamePatternsDurationsAndAttributeTypes() {
        JsonNode pool = definition("PoolSpec").path("properties");
        assertThat(pool.path("name").path("pattern").asText()).isEqualTo(SpecPatterns.POOL_NAME);
        assertThat(pool.path("name").path("description").asText()).startsWith("Pool name");
        assertThat(pool.path("cooldown").path("pattern").asText()).isEqualTo(SpecPatterns.DURATION);
        assertThat(pool.path("provider").path("enum").toString()).isEqualTo("[\"aws-ec2\",\"local\",\"static\"]");
        JsonNode resource = definition("ResourceSpec").path("properties");
        assertThat(resource.path("name").path("pattern").asText()).isEqualTo(SpecPatterns.RESOURCE_NAME);
        assertThat(resource.path("labels").path("items").path("pattern").asText()).isEqualTo(SpecPatterns.LABEL);
        assertThat(resource.path("labels").path("uniqueItems").asBoolean()).isTrue();
        assertThat(resource.path("attributes").path("additionalProperties").path("type").toString())
                .isEqualTo("[\"string\",\"number\",\"boolean\"]");
    }

    @Test
    void durationPatternAcceptsWhatDurationsParses() {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(SpecPatterns.DURATION);
        for (String ok : new String[] {"90s", "15m", "2h", "1d", "250ms", "1h30m", "PT15M", "P1DT2H", "PT0.5S"}) {
            assertThat(p.matcher(ok).matches()).as(ok).isTrue();
            Durations.parse(ok, "x");
        }
        for (String bad : new String[] {"15", "15x", "m", "1 h", "-5s"}) {
            assertThat(p.matcher(bad).matches()).as(bad).isFalse();
        }
    }

    /** The schema is inlined (no $defs), so the model's records are found by their place in the tree. */
    private JsonNode definition(String name) {
        JsonNode pool = pools.path("properties").path("pools").path("items");
        return name.equals("PoolSpec") ? pool : pool.path("properties").path("resources").path("items");
    }
}
