package io.runway.aws.elb;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.traffic.Backend;
import io.runway.core.traffic.Route;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbWeightsTest {
    @Test
    void mapsBasisPointsTo999WithoutEverDroppingAShareToZero() {
        assertThat(AlbWeights.of(0)).isZero();
        assertThat(AlbWeights.of(1)).isEqualTo(1);       // 0.01% is raised to the least an ALB can give
        assertThat(AlbWeights.of(25)).isEqualTo(2);      // 0.25%
        assertThat(AlbWeights.of(50)).isEqualTo(5);      // 0.5%
        assertThat(AlbWeights.of(100)).isEqualTo(10);    // 1%
        assertThat(AlbWeights.of(500)).isEqualTo(50);    // 5%
        assertThat(AlbWeights.of(5000)).isEqualTo(500);  // 50%
        assertThat(AlbWeights.of(9900)).isEqualTo(989);
        assertThat(AlbWeights.of(10_000)).isEqualTo(999);
    }

    @Test
    void everyShareStaysWithinTheDocumentedErrorOfItsBasisPoints() {
        for (int bp = 1; bp < Route.TOTAL; bp++) {
            Map<String, Integer> w = AlbWeights.of(Route.canary("v1", Backend.of("http://a"), "v2", Backend.of("http://b"), bp));
            double share = AlbWeights.sharePercent(w.get("v2"), w);
            assertThat(w.get("v2")).isPositive();
            assertThat(w.get("v1")).isPositive();
            if (bp >= 10 && Route.TOTAL - bp >= 10) {
                assertThat(Math.abs(share - bp / 100.0)).as("bp %d", bp).isLessThanOrEqualTo(0.051);
            } else if (bp < 10) {
                assertThat(share).as("bp %d", bp).isBetween(bp / 100.0, 0.11);
            } else {
                double baseline = 100 - share;
                assertThat(baseline).as("bp %d", bp).isBetween((Route.TOTAL - bp) / 100.0, 0.11);
            }
        }
    }
}
