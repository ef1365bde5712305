package io.runway.core.judge;

import java.util.Locale;

/** Formatting of numbers in reasons, so every judge writes rates and p-values the same way. */
final class Rates {
    private Rates() {
    }

    /** {@code "2.10% (21/1000)"}, or {@code "no requests"}. */
    static String errorRate(VersionSample sample) {
        if (sample.requests() == 0) {
            return "n/a (no requests)";
        }
        return percent(sample.errorRate()) + " (" + sample.errors() + "/" + sample.requests() + ")";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String pValue(double p) {
        if (p < 0.0001) {
            return "p<0.0001";
        }
        return String.format(Locale.ROOT, "p=%.4f", p);
    }

    static String number(double value) {
        if (Double.isInfinite(value)) {
            return "∞";
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }
}
