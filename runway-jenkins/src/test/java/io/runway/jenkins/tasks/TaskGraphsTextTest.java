package io.runway.jenkins.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The task graphs field of the global configuration: documents split on ---, problems at whole-text lines. */
class TaskGraphsTextTest {
    @Test
    void blankIsNoGraphs() {
        assertThat(TaskGraphsText.read("")).isEmpty();
        assertThat(TaskGraphsText.read(null)).isEmpty();
    }

    @Test
    void severalDocumentsAreSeveralGraphsWithJobs() {
        var graphs = TaskGraphsText.read("""
                name: nightly-etl
                schedule: {cron: "H 2 * * *"}
                tasks:
                  - {name: extract, job: etl/extract, requirements: {pool: batch, attributes: ["cpu >= 8"]}}
                  - {name: load, job: etl/load, dependsOn: [extract]}
                ---
                name: hourly
                schedule: {cron: "H * * * *"}
                tasks:
                  - {name: ping, command: [echo, hi]}
                """);
        assertThat(graphs).extracting(g -> g.name()).containsExactly("nightly-etl", "hourly");
        assertThat(graphs.get(0).task("load").job()).isEqualTo("etl/load");
        assertThat(graphs.get(0).task("load").command()).isEmpty();
    }

    @Test
    void problemsNameTheLineOfTheWholeTextAndTheField() {
        assertThatThrownBy(() -> TaskGraphsText.read("""
                name: a
                tasks: [{name: t, job: x}]
                ---
                name: b
                tasks:
                  - {name: t, job: "../up"}
                """))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taskGraphs"))
                .hasMessageContaining("runway task graphs:6:").hasMessageContaining("tasks[0].job");
    }

    @Test
    void aTaskNeedsACommandOrAJobAndGraphNamesAreUnique() {
        assertThatThrownBy(() -> TaskGraphsText.read("name: a\ntasks: [{name: t}]\n"))
                .hasMessageContaining("tasks[0].command");
        assertThatThrownBy(() -> TaskGraphsText.read("name: a\ntasks: [{name: t, job: x}]\n---\nname: a\ntasks: [{name: u, job: y}]\n"))
                .hasMessageContaining(":4:1: name: another graph is also named 'a'");
    }
}
