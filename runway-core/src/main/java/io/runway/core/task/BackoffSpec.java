package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.time.Duration;

/** Wait before attempt n+1: {@code min(max, initial * multiplier^(n-1))}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackoffSpec(
        @JsonPropertyDescription("Wait before the first retry. Default 10s.")
        Duration initial,
        @JsonPropertyDescription("Each further wait is this many times the previous one, 1 to 10. Default 2.")
        BigDecimal multiplier,
        @JsonPropertyDescription("Longest wait. Default 10m.")
        Duration max) {
    public static final BackoffSpec DEFAULT = new BackoffSpec(null, null, null);

    public BackoffSpec {
        initial = initial == null ? Duration.ofSeconds(10) : initial;
        multiplier = multiplier == null ? BigDecimal.valueOf(2) : multiplier;
        max = max == null ? Duration.ofMinutes(10) : max;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        double factor = Math.pow(multiplier.doubleValue(), Math.max(0, attempt - 1));
        double millis = initial.toMillis() * factor;
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
