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

    @Test
    void aPoolWhoseProviderNoInstalledPluginServesIsRefusedNamingThePlugin() {
        String ec2 = """
                pools:
                  - name: cloud
                    provider: aws-ec2
                    max: 2
                    template: {labels: [linux]}
                    aws: {region: eu-west-1, launchTemplate: web}
                """;
        assertThatThrownBy(() -> RunwayConfiguration.readPools(ec2, java.util.Set.of("static")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pools"))
                .hasMessage("pools[0].provider: pool 'cloud' uses provider 'aws-ec2', which no installed plugin provides:"
                        + " install the runway-aws plugin (Manage Jenkins → Plugins), or use a static pool");
        assertThat(RunwayConfiguration.readPools(ec2, java.util.Set.of("static", "aws-ec2")).pools()).hasSize(1);
    }
}
