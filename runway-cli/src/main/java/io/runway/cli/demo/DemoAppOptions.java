package io.runway.cli.demo;

import io.runway.core.error.InvalidInputException;
import io.runway.core.spec.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a {@link DemoApp} behaves.
 *
 * @param errorRate share of {@code GET /} answered 500, from 0 to 1
 * @param crashAfter exit by itself after this long, or null to run until stopped
 * @param readyAfter {@code /health} answers 200 from this long after start
 * @param seed seeds the error draws, so a run can be repeated
 */
public record DemoAppOptions(int port, String version, double errorRate, Duration latency, Duration crashAfter,
                             Duration readyAfter, boolean neverReady, long seed) {
    private static final Set<String> FLAGS = Set.of("--never-ready");
    private static final Set<String> OPTIONS = Set.of("--port", "--version", "--error-rate", "--latency", "--crash-after",
            "--ready-after", "--seed");

    public DemoAppOptions {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port", "must be between 0 and 65535");
        }
        if (version == null || !version.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
            throw new InvalidInputException("--version", "must be letters, digits and . _ + -, at most 64");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new InvalidInputException("--error-rate", "must be between 0 and 1");
        }
        if (latency == null || latency.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidInputException("--latency", "must be at most 1m");
        }
    }

    /** Reads {@code --port N --version V [--error-rate R] [--latency D] [--crash-after D] [--ready-after D] [--never-ready] [--seed S]}. */
    public static DemoAppOptions parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        boolean neverReady = false;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (FLAGS.contains(name)) {
                neverReady = true;
            } else if (OPTIONS.contains(name) && i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new InvalidInputException(name, "unknown option or missing value; options: " + OPTIONS + " " + FLAGS);
            }
        }
        if (!values.containsKey("--port") || !values.containsKey("--version")) {
            throw new InvalidInputException("--port", "--port and --version are required");
        }
        return new DemoAppOptions(number(values, "--port"), values.get("--version"),
                decimal(values.getOrDefault("--error-rate", "0"), "--error-rate"),
                Durations.parse(values.getOrDefault("--latency", "0s"), "--latency"),
                values.containsKey("--crash-after") ? Durations.parse(values.get("--crash-after"), "--crash-after") : null,
                Durations.parse(values.getOrDefault("--ready-after", "0s"), "--ready-after"), neverReady,
                values.containsKey("--seed") ? number(values, "--seed") : System.nanoTime());
    }

    private static int number(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "not a whole number: " + values.get(name));
        }
    }

    private static double decimal(String text, String name) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "not a number: " + text);
        }
    }
}
