package io.runway.core.spec;

import java.util.List;

/** Semantic checks of a bound spec; returns every violation found, in document order where possible. */
@FunctionalInterface
public interface SpecValidator<T> {
    List<Violation> validate(T spec);

    static <T> SpecValidator<T> none() {
        return spec -> List.of();
    }
}
