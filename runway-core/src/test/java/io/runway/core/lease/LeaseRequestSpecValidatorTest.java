package io.runway.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseRequestSpecValidatorTest {
    private static SpecResult<LeaseRequestSpec> read(String json) {
        return SpecKind.LEASE_REQUEST.reader().read("request", json);
    }

    @Test
    void readsAFullRequestIntoAnEngineRequest() {
        SpecResult<LeaseRequestSpec> r = read("""
                {"owner":"build-42","pool":"web","capability":"linux && !arm","count":2,"ttl":"15m","wait":"90s","priority":5}""");
        assertThat(r.problems()).isEmpty();
        LeaseRequest request = r.value().toRequest();
        assertThat(request.owner()).isEqualTo("build-42");
        assertThat(request.capability().toString()).isEqualTo("linux && !arm");
        assertThat(request.count()).isEqualTo(2);
        assertThat(request.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(request.waitFor()).isEqualTo(Duration.ofSeconds(90));
        assertThat(request.priority()).isEqualTo(5);
    }

    @Test
    void defaultsCountWaitAndPriority() {
        LeaseRequest request = read("{\"owner\":\"a\",\"ttl\":\"PT1M\"}").orThrow().toRequest();
        assertThat(request.count()).isEqualTo(1);
        assertThat(request.waitFor()).isZero();
        assertThat(request.priority()).isZero();
        assertThat(request.pool()).isNull();
    }

    @Test
    void reportsEveryProblemWithItsFieldAndColumn() {
        SpecResult<LeaseRequestSpec> r = read("{\"owner\":\" \",\"capability\":\"linux && (gpu\",\"count\":0,\"ttl\":\"0s\",\"colour\":1}");
        assertThat(r.problems()).extracting(Problem::path)
                .containsExactlyInAnyOrder("owner", "capability", "count", "ttl", "colour");
        assertThat(r.problems()).filteredOn(p -> p.path().equals("capability")).first()
                .extracting(Problem::message).asString().contains("missing ')'").contains("column 14");
    }

    @Test
    void refusesLooseTypes() {
        assertThat(read("{\"owner\":\"a\",\"ttl\":\"1m\",\"count\":\"3\"}").problems()).extracting(Problem::path).containsExactly("count");
        assertThat(read("{\"owner\":\"a\",\"ttl\":60}").problems()).extracting(Problem::path).containsExactly("ttl");
    }

    @Test
    void detectsTheKindOfADocument() {
        assertThat(SpecKind.detect("x.json", "{\"owner\":\"a\",\"ttl\":\"1m\"}")).isSameAs(SpecKind.LEASE_REQUEST);
        assertThat(SpecKind.detect("x.yaml", "pools: []")).isSameAs(SpecKind.POOLS);
        assertThat(SpecKind.detect("x.yaml", "nonsense: 1")).isSameAs(SpecKind.POOLS);
    }
}
