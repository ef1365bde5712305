package io.runway.core.rollout.control;

import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;

/** The small, valid rollout specs of the control package's tests: service shop, v2 over v1, one command. */
final class ShopSpecs {
    private static final String HEAD = """
            service: shop
            version: v2
            baseline: v1
            deploy: {command: [app, "${port}"]}
            """;

    private ShopSpecs() {}

    /** A canary at 1% then an analysis of a minute, plus {@code more} top-level YAML (may be empty). */
    static RolloutSpec canary(String more) {
        return read(HEAD + """
                strategy:
                  canary:
                    steps:
                      - setWeight: 1
                      - analysis: {duration: 1m}
                """ + more);
    }

    static RolloutSpec blueGreen() {
        return read(HEAD + "strategy: {blueGreen: {}}\n");
    }

    /** {@code yaml} read as a rollout spec; it must be valid. */
    static RolloutSpec read(String yaml) {
        return SpecKind.ROLLOUT.reader().read("r.yaml", yaml).orThrow();
    }
}
