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

class PoolsConfigValidatorTest {
    private final PoolsConfigValidator validator = new PoolsConfigValidator();

    private List<String> violations(PoolsConfig config) {
        return validator.validate(config).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void collectsEveryViolation() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("bad key", "x");
        attributes.put("nested", Map.of("a", 1));
        attributes.put("nan", Double.NaN);
        ResourceSpec r1 = new ResourceSpec("r1", List.of("ok", "ok", "", "a\u0000b", "x|y", "a".repeat(64)), attributes);
        ResourceSpec r1Again = new ResourceSpec("r1", List.of(), Map.of());
        PoolSpec pool = new PoolSpec("p", "cloud", List.of(r1), Duration.ofSeconds(-1), new QuotaSpec(0));
        PoolSpec other = new PoolSpec("p", null, List.of(r1Again, new ResourceSpec("-x", null, null)), null, null);
        PoolsConfig config = new PoolsConfig(List.of(pool, other),
                new LeaseLimits(Duration.ZERO, Duration.ofDays(4000), 0, null));
        assertThat(violations(config)).containsExactly(
                "pools[0].provider: unknown provider 'cloud'; expected one of: aws-ec2, local, static",
                "pools[0].resources[0].labels[1]: duplicate label 'ok' (also labels[0])",
                "pools[0].resources[0].labels[2]: a label must not be empty",
                "pools[0].resources[0].labels[3]: label 'a\u0000b' must not contain control or invisible characters",
                "pools[0].resources[0].labels[4]: label 'x|y' must not contain '|' (an operator of label expressions)",
                "pools[0].resources[0].labels[5]: label is longer than 63 characters",
                "pools[0].resources[0].attributes.bad key: attribute name 'bad key' must be 1 to 63 characters of A-Z, a-z, 0-9, '_', '.' and '-'",
                "pools[0].resources[0].attributes.nested: attribute values must be a string, number or boolean, not a mapping",
                "pools[0].resources[0].attributes.nan: attribute values must be finite numbers",
                "pools[0].cooldown: must not be negative",
                "pools[0].quota.perOwner: must be at least 1 (leave it out for no limit), not 0",
                "pools[1].name: pool name 'p' is already used at pools[0]",
                "pools[1].resources[0].name: resource name 'r1' is already used at pools[0].resources[0]",
                "pools[1].resources[1].name: resource name '-x' must be 1 to 63 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
                "limits.maxTtl: must be longer than 0s",
                "limits.maxWait: must be at most 3650d, not 4000d",
                "limits.maxCount: must be between 1 and 1000000, not 0");
    }

    @Test
    void aValidConfigHasNoViolations() {
        PoolsConfig config = new PoolsConfig(List.of(new PoolSpec("web", "local", null, null, null)), null);
        assertThat(validator.validate(config)).isEmpty();
        assertThat(violations(new PoolsConfig(null, null))).containsExactly("pools: at least one pool is required");
    }
}
