package io.runway.core.judge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verdict with the reason a person reads in the UI and the numbers it was computed from.
 *
 * @param reason always non-empty, e.g. {@code "canary error rate 2.10% (21/1000) vs baseline 0.48% (24/5000): ..."}
 * @param numbers named inputs and statistics (rates, counts, p-values), in the order they were added
 */
public record Judgement(Verdict verdict, String reason, Map<String, Double> numbers) {

    public Judgement {
        if (verdict == null) {
            throw new IllegalArgumentException("verdict is required");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a judgement always carries a reason");
        }
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    public static Judgement of(Verdict verdict, String reason) {
        return new Judgement(verdict, reason, Map.of());
    }

    public Judgement withNumbers(Map<String, Double> more) {
        Map<String, Double> all = new LinkedHashMap<>(numbers);
        all.putAll(more);
        return new Judgement(verdict, reason, all);
    }
}
