package io.runway.cli.demo;

import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;
import java.nio.file.Path;

/**
 * Rollout specs that deploy the demo app from the code this JVM runs (its jar, or its classes in tests),
 * with v2 given extra demo-app arguments (e.g. an error rate). Used by the demo and by tests.
 */
public final class DemoSpecs {
    private DemoSpecs() {}

    /**
     * @param v2Args extra arguments for v2 in YAML flow syntax, e.g. {@code --error-rate, "0.05"}
     * @param rest the rest of the spec in YAML: strategy, analysis, and so on
     */
    public static String yaml(String service, String v2Args, String rest) {
        return """
                service: %s
                version: v2
                baseline: v1
                deploy:
                  command: ["%s", -cp, "%s", io.runway.cli.demo.DemoApp, --port, "${port}", --version, "${version}"]
                  versions:
                    v2: {args: [%s]}
                  readiness: {path: /health, timeout: 30s, interval: 100ms}
                """.formatted(service, escape(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                escape(System.getProperty("java.class.path")), v2Args) + rest;
    }

    public static RolloutSpec spec(String service, String v2Args, String rest) {
        return SpecKind.ROLLOUT.reader().read("demo-" + service + ".yaml", yaml(service, v2Args, rest)).orThrow();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
