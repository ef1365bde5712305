package io.runway.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional {@code job} of a task (the Jenkins plugin's work unit): read, validated, command then optional. */
class TaskSpecJobTest {
    private static SpecResult<TaskGraphSpec> read(String yaml) {
        return SpecKind.TASK_GRAPH.reader().read("g.yaml", yaml);
    }

    private static List<String> problems(String yaml) {
        return read(yaml).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aTaskWithAJobNeedsNoCommand() {
        SpecResult<TaskGraphSpec> r = read("""
                name: g
                tasks:
                  - {name: build, job: team/app/build}
                  - {name: both, job: deploy, command: [echo, also]}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.value().task("build").job()).isEqualTo("team/app/build");
        assertThat(r.value().task("build").command()).isEmpty();
        assertThat(r.value().task("both").command()).containsExactly("echo", "also");
    }

    @Test
    void withoutAJobTheCommandIsStillRequired() {
        assertThat(problems("name: g\ntasks: [{name: t}]\n"))
                .containsExactly("g.yaml:2:9: tasks[0].command: a command of 1 to 256 arguments is required");
    }

    @Test
    void aJobIsAFullNameOfNonEmptySegments() {
        for (String bad : List.of("/abs", "a//b", "a/../b", "trailing/", ".", " ")) {
            assertThat(problems("name: g\ntasks: [{name: t, job: \"" + bad + "\"}]\n")).as(bad)
                    .singleElement().asString().contains("tasks[0].job").contains("is not a Jenkins job's full name");
        }
        assertThat(problems("name: g\ntasks: [{name: t, job: \"" + "x".repeat(513) + "\"}]\n")).singleElement()
                .asString().contains("tasks[0].job");
    }

    @Test
    void theOldConstructorHasNoJob() {
        assertThat(TaskSpec.of("t", List.of("x")).job()).isNull();
    }
}
