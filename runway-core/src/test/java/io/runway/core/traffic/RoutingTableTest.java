package io.runway.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTableTest {
    private static final Backend STABLE = Backend.of("http://127.0.0.1:8081");
    private static final Backend CANARY = Backend.of("http://127.0.0.1:8082");
    private static final RequestView NO_KEYS = view(Map.of(), Map.of());

    @ParameterizedTest
    @CsvSource({"100, 3000, 30", "5000, 3000, 1500", "10000, 3000, 3000", "50, 10000, 50", "0, 3000, 0"})
    void unkeyedRequestsSplitByWeightWithinOneRequestPerHundred(int canaryBp, int requests, int expected) {
        RoutingTable table = RoutingTable.compile("shop", Route.canary("v1", STABLE, "v2", CANARY, canaryBp));

        int canary = 0;
        for (long n = 0; n < requests; n++) {
            if (table.versionFor(NO_KEYS, n).equals("v2")) {
                canary++;
            }
        }

        assertThat(canary).isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.max(2, requests / 100)));
    }

    @Test
    void everyTenThousandConsecutiveRequestsSplitExactly() {
        RoutingTable table = RoutingTable.compile("shop", Route.canary("v1", STABLE, "v2", CANARY, 123));

        int canary = 0;
        for (long n = 70_000; n < 80_000; n++) {
            canary += table.versionFor(NO_KEYS, n).equals("v2") ? 1 : 0;
        }

        assertThat(canary).isEqualTo(123);
    }

    @Test
    void stickyUsersOnTheCanaryStayOnItAsItGrows() {
        Route route = Route.canary("v1", STABLE, "v2", CANARY, 500).withStickiness(Stickiness.header("X-User"));
        Map<Integer, List<String>> canaryUsersByWeight = new HashMap<>();
        for (int weight : new int[] {500, 2_500, 5_000}) {
            RoutingTable table = RoutingTable.compile("shop", route.withWeights(Map.of("v2", weight, "v1", 10_000 - weight)));
            canaryUsersByWeight.put(weight, new java.util.ArrayList<>());
            for (int user = 0; user < 20_000; user++) {
                String key = "user-" + user;
                // Sequence numbers vary on purpose: a sticky decision must not depend on them.
                if (table.versionFor(view(Map.of("X-User", key), Map.of()), user * 7L).equals("v2")) {
                    canaryUsersByWeight.get(weight).add(key);
                }
            }
        }

        assertThat(canaryUsersByWeight.get(2_500)).containsAll(canaryUsersByWeight.get(500));
        assertThat(canaryUsersByWeight.get(5_000)).containsAll(canaryUsersByWeight.get(2_500));
        assertThat(canaryUsersByWeight.get(500).size()).isBetween(850, 1_150);
        assertThat(canaryUsersByWeight.get(2_500).size()).isBetween(4_700, 5_300);
    }

    @Test
    void stickyRouteWithoutTheKeyFallsBackToTheSequence() {
        RoutingTable table = RoutingTable.compile("shop",
                Route.canary("v1", STABLE, "v2", CANARY, 5_000).withStickiness(Stickiness.cookie("uid")));

        assertThat(table.versionFor(NO_KEYS, 0)).isNotEqualTo(table.versionFor(NO_KEYS, 1));
        assertThat(table.versionFor(view(Map.of(), Map.of("uid", "alice")), 0))
                .isEqualTo(table.versionFor(view(Map.of(), Map.of("uid", "alice")), 1));
    }

    @Test
    void cohortsByHeaderAndCookiePinAVersionOfWeightZero() {
        Route route = Route.canary("v1", STABLE, "v2", CANARY, 0).withExperiments(List.of(
                CohortRule.headerEquals("X-Beta", "yes", "v2"),
                CohortRule.cookieMatches("team", "qa-.*", "v2")));
        RoutingTable table = RoutingTable.compile("shop", route);

        assertThat(table.versionFor(view(Map.of("X-Beta", "yes"), Map.of()), 0)).isEqualTo("v2");
        assertThat(table.versionFor(view(Map.of("X-Beta", "no"), Map.of()), 0)).isEqualTo("v1");
        assertThat(table.versionFor(view(Map.of(), Map.of("team", "qa-berlin")), 0)).isEqualTo("v2");
        assertThat(table.versionFor(view(Map.of(), Map.of("team", "xqa-berlin")), 0)).isEqualTo("v1");
        for (long n = 0; n < 10_000; n++) {
            assertThat(table.versionFor(NO_KEYS, n)).isEqualTo("v1");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a speed check
    void aBacktrackingCohortRegexAndAHostileHeaderStillRouteAtOnce() {
        // (.*a){12} against 60 'a's and '!' takes java.util.regex ~C(60,12) steps; RE2 is linear in the value.
        RoutingTable table = RoutingTable.compile("shop", Route.canary("v1", STABLE, "v2", CANARY, 0)
                .withExperiments(List.of(CohortRule.headerMatches("X-Team", "(.*a){12}", "v2"))));

        assertThat(table.versionFor(view(Map.of("X-Team", "a".repeat(60) + "!"), Map.of()), 0)).isEqualTo("v1");
        assertThat(table.versionFor(view(Map.of("X-Team", "a".repeat(60)), Map.of()), 0)).isEqualTo("v2");
    }

    @Test
    void aValueLongerThanTheCapMatchesNoCohort() {
        RoutingTable table = RoutingTable.compile("shop", Route.canary("v1", STABLE, "v2", CANARY, 0)
                .withExperiments(List.of(CohortRule.headerMatches("X-Team", "a*", "v2"),
                        CohortRule.cookieEquals("team", "b".repeat(CohortPattern.MAX_VALUE_LENGTH), "v2"))));
        String longest = "a".repeat(CohortPattern.MAX_VALUE_LENGTH);

        assertThat(table.versionFor(view(Map.of("X-Team", longest), Map.of()), 0)).isEqualTo("v2");
        assertThat(table.versionFor(view(Map.of("X-Team", longest + "a"), Map.of()), 0)).isEqualTo("v1");
        assertThat(table.versionFor(view(Map.of(), Map.of("team", "b".repeat(CohortPattern.MAX_VALUE_LENGTH))), 0))
                .isEqualTo("v2");
    }

    private static RequestView view(Map<String, String> headers, Map<String, String> cookies) {
        return new RequestView() {
            @Override
            public String header(String name) {
                return headers.get(name);
            }

            @Override
            public String cookie(String name) {
                return cookies.get(name);
            }
        };
    }
}
