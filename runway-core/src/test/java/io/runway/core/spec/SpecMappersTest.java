package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.LeaseLimits;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecMappersTest {
    private final SpecReader<PoolsConfig> reader = SpecKind.POOLS.reader();

    private PoolsConfig sample() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("cpu", 4);
        attributes.put("region", "eu-west-1");
        attributes.put("ssd", true);
        attributes.put("ghz", 2.5);
        return new PoolsConfig(List.of(
                new PoolSpec("web", "static", List.of(new ResourceSpec("web-1", List.of("linux", "x86-64"), attributes)),
                        Duration.ofSeconds(90), new QuotaSpec(2)),
                new PoolSpec("db", "local", null, null, null)),
                new LeaseLimits(Duration.ofMinutes(90), Duration.ofMillis(1500), 10, Duration.ofDays(1)));
    }

    @Test
    void yamlRoundTripGivesAnEqualModel() {
        String yaml = SpecMappers.toYaml(sample());
        assertThat(yaml).contains("cooldown: 1m30s", "maxTtl: 1h30m", "maxWait: 1s500ms");
        SpecResult<PoolsConfig> back = reader.read("round.yaml", yaml);
        assertThat(back.problems()).isEmpty();
        assertThat(back.value()).isEqualTo(sample());
    }

    @Test
    void jsonRoundTripGivesAnEqualModel() {
        SpecResult<PoolsConfig> back = reader.read("round.json", SpecMappers.toJson(sample()));
        assertThat(back.problems()).isEmpty();
        assertThat(back.value()).isEqualTo(sample());
    }
}
