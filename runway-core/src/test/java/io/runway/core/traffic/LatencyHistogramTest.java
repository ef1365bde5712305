package io.runway.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void reportsCountPercentilesAndMaxInMilliseconds() {
        Duration[] samples = new Duration[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = Duration.ofMillis(i + 1);
        }
        LatencyHistogram h = LatencyHistogram.of(samples);

        assertThat(h.count()).isEqualTo(100);
        assertThat(h.p50Millis()).isCloseTo(50, offset(1.0));
        assertThat(h.p90Millis()).isCloseTo(90, offset(1.0));
        assertThat(h.p99Millis()).isCloseTo(99, offset(1.0));
        assertThat(h.maxMillis()).isCloseTo(100, offset(1.0));
    }

    @Test
    void subtractsAnEarlierSnapshotAndAddsAnother() {
        LatencyHistogram earlier = LatencyHistogram.of(Duration.ofMillis(1), Duration.ofMillis(2));
        LatencyHistogram later = earlier.plus(LatencyHistogram.of(Duration.ofMillis(40), Duration.ofMillis(50)));

        LatencyHistogram interval = later.minus(earlier);

        assertThat(later.count()).isEqualTo(4);
        assertThat(interval.count()).isEqualTo(2);
        assertThat(interval.p50Millis()).isCloseTo(40, offset(1.0));
        assertThat(interval.maxMillis()).isCloseTo(50, offset(1.0));
        assertThat(earlier.count()).as("operands stay unchanged").isEqualTo(2);
    }

    @Test
    void emptyHasNoData() {
        assertThat(LatencyHistogram.empty().count()).isZero();
        assertThat(VersionTraffic.EMPTY.errorRate()).isNaN();
    }

    @Test
    void clampsRequestsLongerThanTheRange() {
        assertThat(LatencyHistogram.of(Duration.ofHours(2)).maxMillis())
                .isCloseTo(LatencyHistogram.HIGHEST.toMillis(), offset(LatencyHistogram.HIGHEST.toMillis() * 0.01));
    }
}
