package io.runway.jenkins.host;

import io.runway.core.error.InvalidInputException;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.StaticProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which pool providers a controller can serve: {@code static} always, the rest only through an installed
 * {@link CapacityContribution}. Checked when pools are saved and again when the host opens, so a pool nobody
 * serves is refused by name instead of failing the engine's start.
 */
public final class PoolProviders {
    /** The plugin that contributes each provider core knows, for the message telling what to install. */
    static final Map<String, String> PLUGINS = Map.of("aws-ec2", "runway-aws");

    private PoolProviders() {
    }

    /** {@code static} plus every provider {@code contributions} serve. */
    public static Set<String> available(Collection<? extends CapacityContribution> contributions) {
        Set<String> out = new LinkedHashSet<>();
        out.add(StaticProvider.NAME);
        contributions.forEach(c -> out.addAll(c.providers()));
        return out;
    }

    /** One {@code pools[i].provider: message} line per pool whose provider is not in {@code available}. */
    public static List<String> problems(PoolsConfig pools, Set<String> available) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pools.pools().size(); i++) {
            PoolSpec pool = pools.pools().get(i);
            if (!available.contains(pool.provider())) {
                out.add("pools[" + i + "].provider: " + why(pool));
            }
        }
        return out;
    }

    private static String why(PoolSpec pool) {
        String head = "pool '" + pool.name() + "' uses provider '" + pool.provider() + "', ";
        String plugin = PLUGINS.get(pool.provider());
        if (plugin != null) {
            return head + "which no installed plugin provides: install the " + plugin
                    + " plugin (Manage Jenkins → Plugins), or use a static pool";
        }
        if ("local".equals(pool.provider())) {
            return head + "which Runway does not offer inside Jenkins (slot directories of `runway serve`);"
                    + " use a static pool, or provider aws-ec2 with the runway-aws plugin";
        }
        return head + "which no installed plugin provides";
    }

    /** Refuses {@code pools} (field {@code pools}, one line per problem) when a pool's provider is not available. */
    public static void refuseUnserved(PoolsConfig pools, Set<String> available) {
        List<String> problems = problems(pools, available);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("pools", String.join("\n", problems));
        }
    }
}
