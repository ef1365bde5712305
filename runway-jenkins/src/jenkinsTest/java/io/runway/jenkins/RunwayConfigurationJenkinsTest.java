package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The global configuration survives the configuration form unchanged, and the engines restart with it.
 * Runs only in the canonical build (mvn -f runway-jenkins/pom.xml verify).
 */
@WithJenkins
class RunwayConfigurationJenkinsTest {
    static final String POOLS = """
            pools:
              - name: web
                resources:
                  - {name: web-1, labels: [linux]}
                  - {name: web-2, labels: [linux]}
            """;

    @Test
    void configurationRoundTripsThroughTheForm(JenkinsRule r) throws Exception {
        RunwayConfiguration c = RunwayConfiguration.get();
        c.setPools(POOLS);
        c.setDefaultTtl("20m");
        c.setDefaultWait("5m");
        c.setMaxPersonTtl("2h");
        c.setMaxPoolSharePercent(50);

        r.configRoundtrip();

        RunwayConfiguration after = RunwayConfiguration.get();
        assertThat(after.getPools()).isEqualToIgnoringWhitespace(POOLS);
        assertThat(after.getDefaultTtl()).isEqualTo("20m");
        assertThat(after.getDefaultWait()).isEqualTo("5m");
        assertThat(after.getMaxPersonTtl()).isEqualTo("2h");
        assertThat(after.getMaxPoolSharePercent()).isEqualTo(50);
        assertThat(after.getStore()).isInstanceOf(EmbeddedStoreChoice.class);
        assertThat(RunwayService.get().host().leases().resources()).extracting(v -> v.id()).containsExactly("web-1", "web-2");
    }
}
