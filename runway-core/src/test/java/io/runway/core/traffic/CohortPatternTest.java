package io.runway.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class CohortPatternTest {

    @Test
    void matchesTheWholeValueInRe2Syntax() {
        CohortPattern qa = CohortPattern.compile("qa-[a-z]+");
        assertThat(qa.matches("qa-berlin")).isTrue();
        assertThat(qa.matches("xqa-berlin")).isFalse();
        assertThat(qa.matches("qa-berlin!")).isFalse();
        assertThat(CohortPattern.compile("(?i)beta|canary").matches("CANARY")).isTrue();
        assertThat(CohortPattern.compile("\\p{L}+").matches("Zoë")).isTrue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a speed check
    void thePathologicalPatternOfTheAuditAnswersAtOnce() {
        CohortPattern p = CohortPattern.compile("(.*a){12}");
        assertThat(p.matches("a".repeat(60) + "!")).isFalse();
        assertThat(p.matches("a".repeat(60))).isTrue();
        assertThat(p.matches("a".repeat(CohortPattern.MAX_VALUE_LENGTH - 1) + "!")).isFalse();
    }

    @Test
    void aValueOverTheCapNeverMatches() {
        CohortPattern any = CohortPattern.compile(".*");
        assertThat(any.matches("x".repeat(CohortPattern.MAX_VALUE_LENGTH))).isTrue();
        assertThat(any.matches("x".repeat(CohortPattern.MAX_VALUE_LENGTH + 1))).isFalse();
        assertThat(any.matches(null)).isFalse();
    }

    @Test
    void whatRe2CannotMatchInLinearTimeIsRefusedWithTheReason() {
        assertThat(CohortPattern.problemWith("(a)\\1")).contains("invalid escape sequence").contains("\\1");
        assertThat(CohortPattern.problemWith("(?=a)b")).contains("unsupported Perl syntax");
        assertThat(CohortPattern.problemWith("(?<!a)b")).contains("(?<!a)b");
        assertThat(CohortPattern.problemWith("x++")).contains("invalid nested repetition operator");
        assertThat(CohortPattern.problemWith("([")).contains("missing closing ]");
        assertThat(CohortPattern.problemWith("qa-.*")).isNull();
    }

    @Test
    void nestedCountedRepeatsAreRefusedBeforeTheyAreExpanded() {
        // RE2/J expands {n} into n copies with no limit of its own: this one alone exhausts the heap.
        assertThat(CohortPattern.problemWith("((a{1000}){1000}){1000}")).contains("too large");
        assertThat(CohortPattern.problemWith("(a{100}){100}")).contains("too large");
        assertThat(CohortPattern.problemWith("([(]{100}){9}")).isNull(); // a bracket in a class opens no group
        assertThat(CohortPattern.problemWith("(?:a{1000}|b{1000}|c{1000}){1000}")).contains("over 10000");
        assertThat(CohortPattern.problemWith("\\Q((\\E{1000}")).contains("compiles to 10");
        assertThat(CohortPattern.problemWith("\\p{L}{1,100}")).isNull();
        assertThat(CohortPattern.problemWith("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")).isNull();
    }

    @Test
    void deepNestingAndLongPatternsAreRefused() {
        assertThat(CohortPattern.problemWith("(".repeat(5_000) + "a" + ")".repeat(5_000))).contains("characters");
        assertThat(CohortPattern.problemWith("(".repeat(200) + "a" + ")".repeat(200))).contains("nest");
        assertThat(CohortPattern.problemWith("a".repeat(CohortPattern.MAX_PATTERN_LENGTH + 1))).contains("at most");
    }

    @Test
    void aCohortRuleRefusesWhatTheRouterCouldNotCompile() {
        assertThatThrownBy(() -> CohortRule.headerMatches("X-Team", "(a)\\1", "v2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid escape sequence");
        assertThatThrownBy(() -> CohortRule.headerEquals("X-Team", "b".repeat(CohortPattern.MAX_VALUE_LENGTH + 1), "v2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("never match");
    }
}
