package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scaling fields of a pool (min, max, idleTimeout, provisioningTime, template) and the overall cap. */
class PoolScalingConfigTest {
    private static List<String> problems(String yaml) {
        return SpecKind.POOLS.reader().read("p.yaml", yaml).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsAScalingPoolAndKeepsDefaults() {
        String yaml = """
                pools:
                  - name: build
                    provider: local
                    min: 1
                    max: 8
                    idleTimeout: 10m
                    provisioningTime: 5s
                    template:
                      labels: [linux, x86]
                      attributes: {cpu: 4, costPerHour: 0.25}
                capacity: {maxResources: 20}
                """;
        SpecResult<PoolsConfig> result = SpecKind.POOLS.reader().read("p.yaml", yaml);
        assertThat(result.problems()).isEmpty();
        PoolSpec pool = result.value().pools().get(0);
        assertThat(pool.minResources()).isEqualTo(1);
        assertThat(pool.maxResources()).isEqualTo(8);
        assertThat(pool.idleTimeoutOrDefault()).isEqualTo(Duration.ofMinutes(10));
        assertThat(pool.provisioningTimeOrDefault()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pool.template().labels()).containsExactly("linux", "x86");
        assertThat(pool.template().attributes()).isEqualTo(Map.of("cpu", 4, "costPerHour", 0.25));
        assertThat(pool.scales()).isTrue();
        assertThat(result.value().capacityOrNone().maxResources()).isEqualTo(20);

        PoolSpec plain = new PoolSpec("web", "static", null, null, null);
        assertThat(plain.scales()).isFalse();
        assertThat(plain.maxResources()).isZero();
        assertThat(plain.idleTimeoutOrDefault()).isEqualTo(PoolSpec.DEFAULT_IDLE_TIMEOUT);
    }

    @Test
    void refusesInconsistentScalingFieldsNamingEach() {
        String yaml = """
                pools:
                  - name: web
                    resources: [{name: web-1}, {name: web-2}]
                    max: 1
                  - name: db
                    min: 3
                  - name: ci
                    provider: static
                    idleTimeout: -1s
                    template: {labels: ["a b"], attributes: {costPerHour: -1}}
                  - name: lab
                    provider: local
                    min: 5
                    max: 2
                    template: {}
                capacity: {maxResources: 0}
                """;
        assertThat(problems(yaml)).containsExactly(
                "p.yaml:4:10: pools[0].max: max 1 is less than the 2 listed resources",
                "p.yaml:6:10: pools[1].min: min 3 is more than the 0 listed resources, but the pool has no template to provision more from",
                "p.yaml:7:5: pools[2].max: is required with a template (the most resources the pool may hold)",
                "p.yaml:9:18: pools[2].idleTimeout: not a duration: '-1s' (column 1); write a number and a unit ms, s, m, h or d, e.g. 90s, 1h30m, or ISO-8601 PT15M",
                "p.yaml:10:15: pools[2].template: provider 'static' cannot provision resources; a template needs one of: [aws-ec2, local]",
                "p.yaml:10:25: pools[2].template.labels[0]: label 'a b' must not contain whitespace",
                "p.yaml:10:59: pools[2].template.attributes.costPerHour: costPerHour must be a number of at least 0 (what one resource costs per hour)",
                "p.yaml:13:10: pools[3].min: min 5 is more than max 2",
                "p.yaml:16:26: capacity.maxResources: must be between 1 and 1000000, not 0");
    }

    @Test
    void theSchemaDescribesTheNewFields() {
        String schema = SpecSchemas.allAsText();
        assertThat(schema).contains("\"idleTimeout\"", "\"provisioningTime\"", "\"template\"", "\"maxResources\"");
    }
}
