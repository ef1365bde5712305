package io.runway.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task graph specs through the spec reader: every problem at FILE:LINE:COL with its field path. */
class TaskGraphSpecValidatorTest {
    private static List<String> problems(String yaml) {
        SpecResult<TaskGraphSpec> r = SpecKind.TASK_GRAPH.reader().read("g.yaml", yaml);
        return r.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aFullGraphIsValid() {
        SpecResult<TaskGraphSpec> r = SpecKind.TASK_GRAPH.reader().read("g.yaml", """
                name: nightly-etl
                schedule:
                  cron: |
                    # weekdays, some time between midnight and 3am
                    TZ=Europe/Berlin
                    H H(0-2) * * 1-5
                  missedRuns: catchUp
                  catchUpLimit: 5
                  maxActiveRuns: 2
                  prohibitOverlap: false
                tasks:
                  - name: extract
                    command: [./extract.sh, --since, yesterday]
                    env: {MODE: full}
                    requirements:
                      pool: batch
                      capability: linux && !arm
                      attributes: ["cpu >= 4", "region == eu-west-1", "gpu in [a100, h100]"]
                    count: 2
                    estimatedDuration: 20m
                    deadline: 3h
                    costLimit: 1.50
                    priority: 5
                    retries: 2
                    backoff: {initial: 30s, multiplier: 2, max: 5m}
                    timeout: 1h
                  - name: load
                    command: [./load.sh]
                    dependsOn: [extract]
                    trigger: allSuccess
                """);
        assertThat(r.problems()).isEmpty();
        TaskGraphSpec spec = r.value();
        assertThat(spec.task("extract").requirements().constraints()).hasSize(3);
        assertThat(spec.schedule().missedRunPolicy()).isEqualTo(MissedRunPolicy.CATCH_UP);
        assertThat(spec.task("load").triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
        assertThat(SpecKind.detect("g.yaml", "name: x\ntasks: []\n")).isEqualTo(SpecKind.TASK_GRAPH);
    }

    @Test
    void aCycleIsNamedAtTheDependencyThatClosesIt() {
        assertThat(problems("""
                name: loop
                tasks:
                  - name: a
                    command: [x]
                    dependsOn: [c]
                  - name: b
                    command: [x]
                    dependsOn: [a]
                  - name: c
                    command: [x]
                    dependsOn: [b]
                """)).containsExactly("g.yaml:8:17: tasks[1].dependsOn[0]: dependency cycle: a -> b -> c -> a");
    }

    @Test
    void unknownDuplicateAndSelfDependencies() {
        assertThat(problems("""
                name: g
                tasks:
                  - name: a
                    command: [x]
                    dependsOn: [nope, a]
                  - name: a
                    command: [x]
                """)).containsExactly(
                "g.yaml:5:17: tasks[0].dependsOn[0]: unknown task 'nope'; tasks: a",
                "g.yaml:5:23: tasks[0].dependsOn[1]: a task cannot depend on itself",
                "g.yaml:6:11: tasks[1].name: duplicate task name 'a' (also tasks[0])");
    }

    @Test
    void badScheduleAndTaskFields() {
        assertThat(problems("""
                name: Bad_Name
                schedule:
                  cron: "H 25 * * *"
                  timezone: Mars/Olympus
                  missedRuns: sometimes
                  maxActiveRuns: 0
                tasks:
                  - name: t
                    command: []
                    requirements:
                      capability: "linux &&"
                      attributes: ["cpu >= many"]
                    retries: -1
                    backoff: {multiplier: 20}
                    timeout: 0s
                    trigger: whenever
                    priority: 1001
                """)).containsExactly(
                "g.yaml:1:7: name: 'Bad_Name' must be 1 to 63 characters of a-z, 0-9 and '-'",
                "g.yaml:3:9: schedule.cron: line 1, column 3: hour values are 0 to 23, not 25",
                "g.yaml:4:13: schedule.timezone: unknown time zone 'Mars/Olympus'; use a region id such as Europe/Berlin or UTC",
                "g.yaml:5:15: schedule.missedRuns: expected skip, runOnce or catchUp, not 'sometimes'",
                "g.yaml:6:18: schedule.maxActiveRuns: must be 1 to 100",
                "g.yaml:9:14: tasks[0].command: a command of 1 to 256 arguments is required",
                "g.yaml:11:19: tasks[0].requirements.capability: expected a label but the expression ended at column 9 of 'linux &&'",
                "g.yaml:12:20: tasks[0].requirements.attributes[0]: '>=' compares numbers, but 'many' is not a number at column 8 of 'cpu >= many'",
                "g.yaml:13:14: tasks[0].retries: must be 0 to 100",
                "g.yaml:14:27: tasks[0].backoff.multiplier: must be 1 to 10",
                "g.yaml:15:14: tasks[0].timeout: must be positive",
                "g.yaml:16:14: tasks[0].trigger: expected allSuccess, allDone, noneFailed or oneFailed, not 'whenever'",
                "g.yaml:17:15: tasks[0].priority: must be -1000 to 1000");
    }

    @Test
    void cronProblemsInABlockNameTheirLine() {
        assertThat(problems("""
                name: g
                schedule:
                  cron: |
                    # comment
                    TZ=Europe/Berlin
                    H H * * 9
                tasks:
                  - {name: t, command: [x]}
                """)).containsExactly("g.yaml:3:9: schedule.cron: line 3, column 9: day-of-week values are 0 to 7, not 9");
    }

    @Test
    void unknownFieldsAreRefused() {
        assertThat(problems("""
                name: g
                tasks:
                  - {name: t, command: [x], retry: 3}
                """)).singleElement().asString().startsWith("g.yaml:3:29: tasks[0].retry: ");
    }

    @Test
    void theJsonSchemaDescribesTaskGraphs() {
        com.fasterxml.jackson.databind.JsonNode schema = io.runway.core.spec.SpecSchemas.all().get("task-graph");
        assertThat(schema.at("/required").toString()).contains("name", "tasks");
        assertThat(schema.toString()).contains("\"enum\":[\"skip\",\"runOnce\",\"catchUp\"]")
                .contains("\"enum\":[\"allSuccess\",\"allDone\",\"noneFailed\",\"oneFailed\"]")
                .contains("\"additionalProperties\":false");
    }

    @Test
    void aTzLineAndAnotherTimezoneConflict() {
        assertThat(problems("""
                name: g
                schedule:
                  cron: "TZ=Europe/Berlin\\nH H * * *"
                  timezone: America/New_York
                tasks:
                  - {name: t, command: [x]}
                """)).containsExactly("g.yaml:4:13: schedule.timezone: the cron text says TZ=Europe/Berlin but timezone is America/New_York; keep one");
    }
}
