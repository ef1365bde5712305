package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The pools document of the global configuration is read by core's validator, problems with positions. */
class RunwayConfigurationPoolsTest {
    @Test
    void blankMeansNoPools() {
        assertThat(RunwayConfiguration.readPools("").pools()).isEmpty();
        assertThat(RunwayConfiguration.readPools(null).pools()).isEmpty();
    }

    @Test
    void aValidDocumentIsRead() {
        var config = RunwayConfiguration.readPools("""
                pools:
                  - name: web
                    resources: [{name: web-1, labels: [linux]}]
                    quota: {perOwner: 1}
                limits: {maxTtl: 2h}
                """);
        assertThat(config.pools()).singleElement().satisfies(p -> assertThat(p.quota().perOwner()).isEqualTo(1));
        assertThat(config.limits().maxTtl()).hasHours(2);
    }

    @Test
    void problemsNameLineColumnAndField() {
        assertThatThrownBy(() -> RunwayConfiguration.readPools("""
                pools:
                  - name: Web_Pool
                    colour: blue
                """))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pools"))
                .hasMessageContaining("runway pools:2:").hasMessageContaining("colour");
    }
}
