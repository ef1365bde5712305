package io.runway.core.spec;

import io.runway.core.pool.PoolsConfig;
import java.util.List;

/**
 * A kind of spec file: its name (the key in {@code runway schema}'s output), model type and validator.
 * New kinds (rollouts, tasks) are added to {@link #all()}.
 */
public record SpecKind<T>(String name, Class<T> type, SpecValidator<T> validator) {
    public static final SpecKind<PoolsConfig> POOLS = new SpecKind<>("pools", PoolsConfig.class, new PoolsConfigValidator());

    public static List<SpecKind<?>> all() {
        return List.of(POOLS);
    }

    public SpecReader<T> reader() {
        return new SpecReader<>(type, validator);
    }
}
