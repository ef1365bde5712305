package io.runway.core.spec;

import io.runway.core.error.InvalidInputException;
import java.util.List;

/**
 * A spec or request body with problems. {@link #field()} and the message are those of the first
 * problem, which is what the REST API returns; {@link #problems()} has them all.
 */
public class InvalidSpecException extends InvalidInputException {
    private final transient List<Problem> problems;

    public InvalidSpecException(List<Problem> problems) {
        super(first(problems).path(), first(problems).message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static Problem first(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid spec has at least one problem");
        }
        return problems.get(0);
    }
}
