package io.runway.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.placement.AttributeConstraint.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeConstraintTest {
    private static boolean matches(String constraint, Map<String, Object> attributes) {
        return AttributeConstraint.parse(constraint, "constraints[0]").matches(attributes);
    }

    @Test
    void parsesEveryForm() {
        assertThat(AttributeConstraint.parse("cpu >= 4", "c")).isEqualTo(new AttributeConstraint("cpu", Operator.GE, List.of("4")));
        assertThat(AttributeConstraint.parse("region==eu-west-1", "c"))
                .isEqualTo(new AttributeConstraint("region", Operator.EQ, List.of("eu-west-1")));
        assertThat(AttributeConstraint.parse("region != us-east-1", "c").operator()).isEqualTo(Operator.NE);
        assertThat(AttributeConstraint.parse("gpu in [a100, h100]", "c"))
                .isEqualTo(new AttributeConstraint("gpu", Operator.IN, List.of("a100", "h100")));
        assertThat(AttributeConstraint.parse("  ssd ", "c")).isEqualTo(new AttributeConstraint("ssd", Operator.EXISTS, List.of()));
        assertThat(AttributeConstraint.parse("name == \"a \\\"b\\\"\"", "c").values()).containsExactly("a \"b\"");
        assertThat(AttributeConstraint.parse("mem < 1.5e3", "c").values()).containsExactly("1.5e3");
    }

    @Test
    void canonicalTextParsesBackToTheSameConstraint() {
        for (String text : List.of("cpu >= 4", "region == eu-west-1", "gpu in [a100, h100]", "ssd", "zone != \"a b\"",
                "kind == \"in\"", "x <= -2.5")) {
            AttributeConstraint c = AttributeConstraint.parse(text, "c");
            assertThat(c.toString()).isEqualTo(text);
            assertThat(AttributeConstraint.parse(c.toString(), "c")).isEqualTo(c);
        }
    }

    @Test
    void orderingComparesNumbersOnly() {
        assertThat(matches("cpu >= 4", Map.of("cpu", 4))).isTrue();
        assertThat(matches("cpu >= 4", Map.of("cpu", 3.99))).isFalse();
        assertThat(matches("cpu > 4", Map.of("cpu", 4L))).isFalse();
        assertThat(matches("cpu < 4", Map.of("cpu", -1))).isTrue();
        assertThat(matches("cpu <= 4", Map.of("cpu", 4.0))).isTrue();
        // A string attribute never satisfies an ordering, even when it reads as a number.
        assertThat(matches("cpu >= 4", Map.of("cpu", "8"))).isFalse();
        assertThat(matches("cpu >= 4", Map.of())).isFalse();
        assertThat(matches("cpu >= 4", Map.of("cpu", Double.NaN))).isFalse();
    }

    @Test
    void equalityIsNumericForNumbersAndExactTextOtherwise() {
        assertThat(matches("cpu == 4", Map.of("cpu", 4.0))).isTrue();
        assertThat(matches("cpu == 4.00", Map.of("cpu", 4))).isTrue();
        assertThat(matches("cpu == four", Map.of("cpu", 4))).isFalse();
        assertThat(matches("region == eu-west-1", Map.of("region", "eu-west-1"))).isTrue();
        assertThat(matches("region == EU-WEST-1", Map.of("region", "eu-west-1"))).isFalse();
        assertThat(matches("version == 4", Map.of("version", "4.0"))).isFalse(); // strings compare as text
        assertThat(matches("spot == true", Map.of("spot", true))).isTrue();
        assertThat(matches("gpu in [a100, h100]", Map.of("gpu", "h100"))).isTrue();
        assertThat(matches("gpu in [a100, h100]", Map.of("gpu", "t4"))).isFalse();
        assertThat(matches("cpu in [2, 4]", Map.of("cpu", 4.0))).isTrue();
    }

    @Test
    void aMissingAttributeSatisfiesOnlyNotEquals() {
        assertThat(matches("region != us-east-1", Map.of())).isTrue();
        assertThat(matches("region != us-east-1", Map.of("region", "us-east-1"))).isFalse();
        assertThat(matches("region == us-east-1", Map.of())).isFalse();
        assertThat(matches("gpu in [a100]", Map.of())).isFalse();
        assertThat(matches("ssd", Map.of())).isFalse();
    }

    @Test
    void existsMeansPresentAndNotFalse() {
        assertThat(matches("ssd", Map.of("ssd", true))).isTrue();
        assertThat(matches("ssd", Map.of("ssd", "nvme"))).isTrue();
        assertThat(matches("ssd", Map.of("ssd", 0))).isTrue();
        assertThat(matches("ssd", Map.of("ssd", false))).isFalse();
    }

    @Test
    void errorsNameTheFieldAndColumn() {
        assertError("cpu => 4", "constraints[2]: expected an operator (==, !=, <, <=, >, >=, in) after 'cpu' at column 5 of 'cpu => 4'", 5);
        assertError("cpu >= four", "constraints[2]: '>=' compares numbers, but 'four' is not a number at column 8 of 'cpu >= four'", 8);
        assertError("", "constraints[2]: empty constraint; write e.g. cpu >= 4, region == eu-west-1 or ssd at column 1 of ''", 1);
        assertError("gpu in a100", "constraints[2]: 'in' needs a list such as [a100, h100] at column 8 of 'gpu in a100'", 8);
        assertError("gpu in [a100 h100]", "constraints[2]: expected ',' or ']' in the list at column 14 of 'gpu in [a100 h100]'", 14);
        assertError("cpu >= 4 4", "constraints[2]: unexpected '4' after the value at column 10 of 'cpu >= 4 4'", 10);
        assertError("name == \"open", "constraints[2]: unclosed quote at column 9 of 'name == \"open'", 9);
        assertError(">= 4", "constraints[2]: expected an attribute name, found '>' at column 1 of '>= 4'", 1);
        assertError("cpu ==", "constraints[2]: expected a value at column 7 of 'cpu =='", 7);
    }

    private static void assertError(String text, String message, int column) {
        assertThatThrownBy(() -> AttributeConstraint.parse(text, "constraints[2]"))
                .isInstanceOfSatisfying(ConstraintException.class, e -> {
                    assertThat(e.field()).isEqualTo("constraints[2]");
                    assertThat(e.field() + ": " + e.getMessage()).isEqualTo(message);
                    assertThat(e.column()).isEqualTo(column);
                });
    }
}
