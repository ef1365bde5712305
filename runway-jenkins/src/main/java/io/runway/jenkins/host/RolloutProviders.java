package io.runway.jenkins.host;

import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.spec.RolloutSpec;

/**
 * Which rollout providers a controller runs: {@code local} always, the rest only through an installed
 * {@link RolloutProviderContribution}. A spec nobody serves is refused by its field, naming the plugin to install.
 */
final class RolloutProviders {
    static final String LOCAL = "local";

    private RolloutProviders() {
    }

    /** The refusal of {@code spec}, whose provider neither this plugin nor an installed one serves. */
    static InvalidInputException unserved(RolloutSpec spec) {
        String head = "rollout of service '" + spec.service() + "' uses provider '" + spec.provider()
                + "', which no installed plugin provides";
        String plugin = PoolProviders.PLUGINS.get(spec.provider());
        String tail = plugin == null ? "" : ": install the " + plugin
                + " plugin (Manage Jenkins → Plugins), or use provider local";
        return new InvalidInputException("provider", "provider: " + head + tail);
    }
}
