package io.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {
    @Test
    void printsTheSchemaOfEveryKindAsJson() throws Exception {
        CliRun run = CliRun.of("schema");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode schema = new ObjectMapper().readTree(run.out());
        assertThat(schema.path("pools").path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("pools").path("required").toString()).isEqualTo("[\"pools\"]");
    }
}
