package io.runway.core.spec;

import java.util.List;

/** The outcome of reading a spec: the value when it is valid, otherwise every problem found. */
public record SpecResult<T>(T value, List<Problem> problems) {

    public SpecResult {
        problems = List.copyOf(problems);
        if (!problems.isEmpty()) {
            value = null;
        }
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** @throws InvalidSpecException carrying every problem when the spec is not valid */
    public T orThrow() {
        if (!isValid()) {
            throw new InvalidSpecException(problems);
        }
        return value;
    }
}
