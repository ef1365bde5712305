package io.runway.core.traffic;

import io.runway.core.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An experiment: requests whose header or cookie equals a value, or fully matches a regular expression,
 * go to {@code version} whatever the weights say (also when that version's weight is 0). Exactly one of
 * {@code equalTo} and {@code regex} is set.
 */
public record CohortRule(RequestKey key, String equalTo, String regex, String version) {

    public CohortRule {
        Objects.requireNonNull(key, "key");
        if ((equalTo == null) == (regex == null)) {
            throw new InvalidInputException("experiments", "cohort rule on " + key
                    + " needs exactly one of equalTo or regex");
        }
        if (regex != null) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("experiments", "cohort rule on " + key
                        + " has an invalid regex '" + regex + "': " + e.getDescription());
            }
        }
        if (version == null || version.isBlank()) {
            throw new InvalidInputException("experiments", "cohort rule on " + key + " names no version");
        }
    }

    public static CohortRule headerEquals(String name, String value, String version) {
        return new CohortRule(RequestKey.header(name), value, null, version);
    }

    public static CohortRule headerMatches(String name, String regex, String version) {
        return new CohortRule(RequestKey.header(name), null, regex, version);
    }

    public static CohortRule cookieEquals(String name, String value, String version) {
        return new CohortRule(RequestKey.cookie(name), value, null, version);
    }

    public static CohortRule cookieMatches(String name, String regex, String version) {
        return new CohortRule(RequestKey.cookie(name), null, regex, version);
    }
}
