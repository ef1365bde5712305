package io.runway.cli;

import io.runway.core.error.InvalidInputException;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.spec.PoolsConfigValidator;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecReader;
import io.runway.core.spec.SpecResult;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The two seams of {@code runway serve}: reading the pools config and opening the durable store. */
final class ServeSupport {
    private ServeSupport() {}

    /** Reads and validates the pools config; problems come back as {@code FILE:LINE:COL: field.path: message} lines. */
    static PoolsConfig readConfig(Path file) {
        SpecResult<PoolsConfig> result = new SpecReader<>(PoolsConfig.class, new PoolsConfigValidator()).readFile(file);
        if (!result.isValid()) {
            throw new InvalidInputException(null, result.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        return result.value();
    }

    /** Opens the crash-safe embedded store in {@code stateDir}. */
    static StateStore openStore(Path stateDir) {
        return EmbeddedStateStore.open(stateDir);
    }
}
