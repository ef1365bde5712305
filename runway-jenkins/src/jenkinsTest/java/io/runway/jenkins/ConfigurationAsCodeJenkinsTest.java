package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

/** {@code unclassified: runway:} imports and exports. Runs only in the canonical build. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeJenkinsTest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsTheYaml(JenkinsConfiguredWithCodeRule r) {
        RunwayConfiguration c = RunwayConfiguration.get();
        assertThat(c.getDefaultTtl()).isEqualTo("20m");
        assertThat(c.getMaxPoolSharePercent()).isEqualTo(50);
        assertThat(c.getStore()).isInstanceOf(EmbeddedStoreChoice.class);
        assertThat(c.poolsConfig().pools()).extracting(p -> p.name()).containsExactly("web");
        assertThat(c.taskGraphSpecs()).singleElement().satisfies(g -> assertThat(g.task("build").job()).isEqualTo("app/build"));
        assertThat(RunwayService.get().host().tasks().graphs()).extracting(g -> g.name()).containsExactly("nightly");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatItImported(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode runway = Util.getUnclassifiedRoot(context).get("runway");
        String exported = Util.toYamlString(runway);
        assertThat(exported).contains("defaultTtl: \"20m\"").contains("maxPoolSharePercent: 50").contains("name: web").contains("job: app/build");
    }
}
