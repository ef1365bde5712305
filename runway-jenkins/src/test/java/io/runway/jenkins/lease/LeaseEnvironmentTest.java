package io.runway.jenkins.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseEnvironmentTest {
    private static Lease lease(List<ResourceView> resources) {
        return new Lease("l-1", "build:job#1", LeaseState.ACTIVE, "web", "", resources.size(), 0, resources, 42,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null);
    }

    private static ResourceView resource(String id, Map<String, Object> attributes) {
        return new ResourceView(id, "web", ResourceState.LEASED, List.of(), attributes, "l-1");
    }

    @Test
    void withoutAVariableOnlyTheRunwayNamesAreSet() {
        Map<String, String> env = LeaseEnvironment.of(lease(List.of(resource("a", Map.of()))), null);
        assertThat(env).containsOnlyKeys("RUNWAY_LEASE_ID", "RUNWAY_FENCING_TOKEN", "RUNWAY_RESOURCES")
                .containsEntry("RUNWAY_FENCING_TOKEN", "42");
    }

    @Test
    void attributeNamesAreMadeIntoVariableNames() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("ip.address", "10.0.0.1");
        attributes.put("gpu-count", 2);
        Map<String, String> env = LeaseEnvironment.of(lease(List.of(resource("a", attributes), resource("b", Map.of()))), "H");
        assertThat(env).containsEntry("H", "a,b").containsEntry("H_0", "a").containsEntry("H_1", "b")
                .containsEntry("H_0_ip_address", "10.0.0.1").containsEntry("H_0_gpu_count", "2");
    }

    @Test
    void variableNamesAreChecked() {
        assertThat(LeaseEnvironment.isValidVariable("HOSTS")).isTrue();
        assertThat(LeaseEnvironment.isValidVariable("_x1")).isTrue();
        assertThat(LeaseEnvironment.isValidVariable("1X")).isFalse();
        assertThat(LeaseEnvironment.isValidVariable("A-B")).isFalse();
        assertThat(LeaseEnvironment.isValidVariable("RUNWAY_HOSTS")).isFalse();
    }
}
