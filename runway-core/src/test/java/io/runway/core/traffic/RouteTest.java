package io.runway.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static final Backend A = Backend.of("http://127.0.0.1:8081");
    private static final Backend B = Backend.of("http://127.0.0.1:8082");

    @Test
    void acceptsHalfAPercentAndKeepsTheGivenBucketOrder() {
        Route route = Route.canary("v1", A, "v2", B, 50);

        assertThat(route.weightOf("v2")).isEqualTo(50);
        assertThat(route.weightOf("v1")).isEqualTo(9_950);
        assertThat(route.order()).containsExactly("v2", "v1");
        assertThat(route.stickiness()).isEqualTo(Stickiness.NONE);
        assertThat(route.experiments()).isEmpty();
    }

    @Test
    void aVersionWithABackendButNoWeightIsReachableOnlyByCohorts() {
        Route route = new Route(Map.of("v1", A, "v2", B), Map.of("v1", 10_000), null, null,
                List.of(CohortRule.headerEquals("X-Beta", "yes", "v2")), null);

        assertThat(route.weightOf("v2")).isZero();
        assertThat(route.order()).containsExactly("v1");
    }

    @Test
    void rejectsWeightsThatDoNotSumToTheWhole() {
        assertThatThrownBy(() -> new Route(Map.of("v1", A, "v2", B), Map.of("v1", 9_000, "v2", 900),
                List.of("v2", "v1"), null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must sum to 10000 basis points (100%), got 9900");
    }

    @Test
    void rejectsAWeightOutsideZeroToTheWhole() {
        assertThatThrownBy(() -> new Route(Map.of("v1", A, "v2", B), Map.of("v1", 10_100, "v2", -100),
                List.of("v2", "v1"), null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be between 0 and 10000");
    }

    @Test
    void rejectsAWeightForAVersionWithoutBackend() {
        assertThatThrownBy(() -> new Route(Map.of("v1", A), Map.of("v1", 5_000, "v9", 5_000),
                List.of("v9", "v1"), null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("version 'v9', which has no backend");
    }

    @Test
    void needsAnExplicitBucketOrderForSeveralVersions() {
        assertThatThrownBy(() -> new Route(Map.of("v1", A, "v2", B), Map.of("v1", 5_000, "v2", 5_000),
                null, null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs their bucket order (canary first)");
        assertThatThrownBy(() -> new Route(Map.of("v1", A, "v2", B), Map.of("v1", 5_000, "v2", 5_000),
                List.of("v2", "v2"), null, null, null))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> new Route(Map.of("v1", A, "v2", B), Map.of("v1", 5_000, "v2", 5_000),
                List.of("v2"), null, null, null))
                .hasMessageContaining("must list exactly the weighted versions");
    }

    @Test
    void rejectsACohortPinnedToAnUnknownVersion() {
        assertThatThrownBy(() -> Route.single("v1", A)
                .withExperiments(List.of(CohortRule.cookieEquals("beta", "1", "v3"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pins version 'v3', which has no backend");
    }

    @Test
    void rejectsBadNamesRegexesAndBackends() {
        assertThatThrownBy(() -> Route.single("v 1", A)).hasMessageContaining("version name 'v 1'");
        assertThatThrownBy(() -> CohortRule.headerMatches("X-User", "([a-z", "v1"))
                .hasMessageContaining("invalid regex '([a-z'");
        assertThatThrownBy(() -> new CohortRule(RequestKey.header("X-User"), "a", "a.*", "v1"))
                .hasMessageContaining("exactly one of equalTo or regex");
        assertThatThrownBy(() -> Stickiness.header("X User")).hasMessageContaining("HTTP token");
        assertThatThrownBy(() -> Backend.of("ftp://127.0.0.1/x")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> Backend.of("http://127.0.0.1:1/?a=b")).hasMessageContaining("query");
    }

    @Test
    void withWeightsKeepsOrderStickinessAndCohorts() {
        Route route = Route.canary("v1", A, "v2", B, 500)
                .withStickiness(Stickiness.cookie("uid"))
                .withExperiments(List.of(CohortRule.headerEquals("X-Beta", "1", "v2")));

        Route grown = route.withWeights(Map.of("v2", 2_500, "v1", 7_500));

        assertThat(grown.order()).containsExactly("v2", "v1");
        assertThat(grown.stickiness()).isEqualTo(Stickiness.cookie("uid"));
        assertThat(grown.experiments()).isEqualTo(route.experiments());
        assertThat(grown.weightOf("v2")).isEqualTo(2_500);
    }
}
