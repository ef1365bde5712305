package io.runway.core.traffic;

import io.runway.core.error.InvalidInputException;
import io.runway.core.spec.ValueDescriptions;
import java.util.Objects;

/**
 * An experiment: requests whose header or cookie equals a value, or fully matches a regular expression in RE2
 * syntax ({@link CohortPattern}), go to {@code version} whatever the weights say (also when that version's
 * weight is 0). Exactly one of {@code equalTo} and {@code regex} is set. A value longer than
 * {@link CohortPattern#MAX_VALUE_LENGTH} matches neither.
 */
public record CohortRule(RequestKey key, String equalTo, String regex, String version) {

    public CohortRule {
        Objects.requireNonNull(key, "key");
        if ((equalTo == null) == (regex == null)) {
            throw new InvalidInputException("experiments", "cohort rule on " + key
                    + " needs exactly one of equalTo or regex");
        }
        if (equalTo != null && equalTo.length() > CohortPattern.MAX_VALUE_LENGTH) {
            throw new InvalidInputException("experiments", "cohort rule on " + key + " would never match: values"
                    + " longer than " + CohortPattern.MAX_VALUE_LENGTH + " characters match no cohort");
        }
        String problem = regex == null ? null : CohortPattern.problemWith(regex);
        if (problem != null) {
            throw new InvalidInputException("experiments", "cohort rule on " + key + " has an invalid regex '"
                    + ValueDescriptions.shortened(regex) + "': " + problem);
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
