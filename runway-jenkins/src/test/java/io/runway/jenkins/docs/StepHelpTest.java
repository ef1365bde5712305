package io.runway.jenkins.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.jenkins.RunwayConfiguration;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every step has a Snippet Generator form (config.jelly) and one help file per parameter it declares, and
 * no help file for a parameter it does not declare. Parameters come from the classes, by reflection.
 */
class StepHelpTest {
    @Test
    void everyDeclaredParameterHasItsHelpFile() {
        Map<String, JenkinsfileExamplesTest.Declared> steps = JenkinsfileExamplesTest.declaredSteps();
        for (JenkinsfileExamplesTest.Declared step : steps.values()) {
            Class<?> type = step.type();
            assertThat(type.getResource(type.getSimpleName() + "/config.jelly")).as(type + " config.jelly").isNotNull();
            for (String field : step.all()) {
                assertThat(type.getResource(type.getSimpleName() + "/help-" + field + ".html"))
                        .as(type.getSimpleName() + "/help-" + field + ".html").isNotNull();
            }
        }
    }

    @Test
    void theGlobalConfigurationHasAFormAndHelpForEachProperty() {
        Class<?> type = RunwayConfiguration.class;
        assertThat(type.getResource("RunwayConfiguration/config.jelly")).isNotNull();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                assertThat(type.getResource("RunwayConfiguration/help-" + field + ".html")).as(field).isNotNull();
                // JCasC needs a getter for every setter, or the property is ignored on import and export.
                boolean hasGetter = java.util.Arrays.stream(type.getMethods())
                        .anyMatch(g -> g.getName().equals("get" + m.getName().substring(3)) && g.getParameterCount() == 0);
                assertThat(hasGetter).as("getter for " + field).isTrue();
            }
        }
    }
}
