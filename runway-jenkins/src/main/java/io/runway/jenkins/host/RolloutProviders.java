package io.runway.jenkins.host;

import io.runway.core.deploy.Deployer;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.control.RolloutBackends;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.traffic.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * The back-end of each rollout by its spec's provider: {@code local} on the host's deployer and embedded
     * router, others on what a {@link RolloutProviderContribution} opened; any other provider is refused.
     */
    record ByProvider(Deployer localDeployer, TrafficRouter localRouter,
                      Map<String, ? extends RolloutBackends> contributed,
                      List<? extends RolloutBackends> opened) implements RolloutBackends {
        @Override
        public Backend backend(RolloutSpec spec) {
            if (LOCAL.equals(spec.provider())) {
                return new Backend(localDeployer, localRouter);
            }
            RolloutBackends b = contributed.get(spec.provider());
            if (b == null) {
                throw unserved(spec);
            }
            return b.backend(spec);
        }

        @Override
        public List<Deployer> deployers() {
            List<Deployer> out = new ArrayList<>(List.of(localDeployer));
            opened.forEach(b -> out.addAll(b.deployers()));
            return out;
        }
    }
}
