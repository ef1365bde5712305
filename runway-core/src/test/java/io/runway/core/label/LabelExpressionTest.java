package io.runway.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelExpressionTest {
    private static boolean matches(String expression, String... labels) {
        return LabelExpression.parse(expression, "capability").matches(Set.of(labels));
    }

    private static void assertError(String expression, int column, String message) {
        assertThatThrownBy(() -> LabelExpression.parse(expression, "capability"))
                .isInstanceOfSatisfying(LabelExpressionException.class, e -> {
                    assertThat(e.column()).as(expression).isEqualTo(column);
                    assertThat(e.field()).isEqualTo("capability");
                    assertThat(e.getMessage()).as(expression).startsWith(message).contains(" at column " + column + " of ");
                });
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(matches("a || b && c", "a")).isTrue();
        assertThat(matches("a || b && c", "b")).isFalse();
        assertThat(matches("(a || b) && c", "a")).isFalse();
        assertThat(matches("!a && b", "b")).isTrue();
        assertThat(matches("!(a && b)", "a", "b")).isFalse();
        assertThat(matches("linux && (gpu || fpga) && !arm", "linux", "fpga")).isTrue();
        assertThat(matches("linux && (gpu || fpga) && !arm", "linux", "fpga", "arm")).isFalse();
    }

    @Test
    void implicationIsRightAssociativeAndLooserThanOr() {
        assertThat(matches("a -> b", "a")).isFalse();
        assertThat(matches("a -> b")).isTrue();
        assertThat(matches("a -> b -> c", "a", "b")).isFalse(); // a -> (b -> c)
        assertThat(matches("a || b -> c", "b")).isFalse();
        assertThat(matches("a <-> b")).isTrue();
        assertThat(matches("a <-> b", "a")).isFalse();
        assertThat(matches("a->b", "a", "b")).isTrue();
    }

    @Test
    void labelsMayHoldDashesAndQuotes() {
        assertThat(matches("x86-64", "x86-64")).isTrue();
        assertThat(matches("x86-64->gpu", "x86-64")).isFalse();
        assertThat(matches("\"my label\" && !\"a|b\"", "my label")).isTrue();
    }

    @Test
    void requiredLabelsAreThoseEveryMatchNeeds() {
        assertThat(LabelExpression.parse("linux && (gpu || fpga) && !arm", "c").requiredLabels()).containsExactlyInAnyOrder("linux");
        assertThat(LabelExpression.parse("(a && b) || (a && c)", "c").requiredLabels()).containsExactly("a");
        assertThat(LabelExpression.parse("a -> b", "c").requiredLabels()).isEmpty();
        assertThat(LabelExpression.any().requiredLabels()).isEmpty();
        assertThat(LabelExpression.any().matches(Set.of())).isTrue();
    }

    @Test
    void toStringParsesBackToTheSameExpression() {
        for (String text : new String[] {"a && (b || c) && !d", "a -> b -> c", "(a -> b) -> c", "a <-> !b",
                "\"my label\" || x86-64", "!(a || b)", "!!a"}) {
            LabelExpression parsed = LabelExpression.parse(text, "c");
            assertThat(LabelExpression.parse(parsed.toString(), "c")).as(text).isEqualTo(parsed);
        }
        assertThat(LabelExpression.parse("a&&b||c", "c").toString()).isEqualTo("(a && b) || c");
    }

    @Test
    void everyErrorNamesItsColumn() {
        assertError("", 1, "empty expression");
        assertError("linux &&", 9, "expected a label but the expression ended");
        assertError("a & b", 3, "unexpected '&'");
        assertError("(a || b", 8, "missing ')'");
        assertError("(a b)", 4, "expected ')' but found 'b'");
        assertError("a && )", 6, "expected a label but found ')'");
        assertError("\"abc", 1, "unterminated quoted label");
        assertError("a || \"\"", 6, "empty quoted label");
        assertError("!", 2, "expected a label but the expression ended");
    }

    @Test
    void depthAndLengthAreBounded() {
        assertThatThrownBy(() -> LabelExpression.parse("(".repeat(100) + "a" + ")".repeat(100), "c"))
                .hasMessageContaining("nested deeper than 64");
        assertThatThrownBy(() -> LabelExpression.parse("a".repeat(4097), "c"))
                .hasMessageStartingWith("expression longer than 4096 characters");
        assertThat(matches("(".repeat(60) + "a" + ")".repeat(60), "a")).isTrue();
    }
}
