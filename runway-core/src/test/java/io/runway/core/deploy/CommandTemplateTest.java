package io.runway.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
    private static final Map<String, String> VALUES = Map.of("port", "8081", "version", "v2", "service", "shop");

    @Test
    void substitutesWholeKnownNamesOnly() {
        assertThat(CommandTemplate.expand("--port=${port} ${service}@${version}", VALUES, "f")).isEqualTo("--port=8081 shop@v2");
        assertThat(CommandTemplate.expand("$port $ {port} $$", VALUES, "f")).isEqualTo("$port $ {port} $$");
    }

    @Test
    void neverRescansASubstitutedValue() {
        assertThat(CommandTemplate.expand("${version}", Map.of("version", "${port}"), "f")).isEqualTo("${port}");
    }

    @Test
    void rejectsUnknownAndUnclosedPlaceholdersNamingTheField() {
        assertThatThrownBy(() -> CommandTemplate.check("--x=${PORT}", "command[2]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown placeholder '${PORT}'")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("command[2]");
        assertThatThrownBy(() -> CommandTemplate.check("${env.HOME}", "f")).hasMessageContaining("unknown placeholder");
        assertThatThrownBy(() -> CommandTemplate.check("--x=${port", "f")).hasMessageContaining("unclosed placeholder at column 5");
    }
}
