package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesShortAndIsoForms() {
        assertThat(Durations.parse("90s", "f")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("15m", "f")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("2h", "f")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d", "f")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("250ms", "f")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1h30m", "f")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" PT15M ", "f")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("0s", "f")).isZero();
    }

    @Test
    void errorsNameTheFieldAndTheColumn() {
        assertThatThrownBy(() -> Durations.parse("15x", "ttl")).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("ttl");
            assertThat(e.getMessage()).startsWith("not a duration: '15x' (column 3)");
        });
        assertThatThrownBy(() -> Durations.parse("1hx", "f")).hasMessageStartingWith("not a duration: '1hx' (column 3)");
        assertThatThrownBy(() -> Durations.parse("15", "f")).hasMessageStartingWith("not a duration: '15' (column 3)");
        assertThatThrownBy(() -> Durations.parse("", "f")).hasMessageStartingWith("a duration is required");
        assertThatThrownBy(() -> Durations.parse("P1Y", "f")).hasMessageStartingWith("not an ISO-8601 duration");
        assertThatThrownBy(() -> Durations.parse("PT-1S", "f")).hasMessageStartingWith("duration must not be negative");
        assertThatThrownBy(() -> Durations.parse("3651d", "f")).hasMessageContaining("longer than the limit of 3650d");
        assertThatThrownBy(() -> Durations.parse("999999999999d", "f")).hasMessageContaining("3650d");
    }

    @Test
    void formatIsTheShortestFormThatParsesBack() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(1).plusMillis(5))).isEqualTo("1d5ms");
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofDays(3650), Duration.ofSeconds(3661),
                Duration.ofNanos(100_000), Duration.ofSeconds(1, 500)}) {
            assertThat(Durations.parse(Durations.format(d), "f")).isEqualTo(d);
        }
    }
}
