package io.runway.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeConstraintTest {
    private static AttributeConstraint c(String text) {
        return AttributeConstraint.parse(text, "f");
    }

    @Test
    void parsesTheThreeShapes() {
        assertThat(c("cpu >= 4")).isEqualTo(new AttributeConstraint("cpu", AttributeConstraint.Operator.GE, List.of("4")));
        assertThat(c(" region==eu-west-1 ")).isEqualTo(new AttributeConstraint("region", AttributeConstraint.Operator.EQ, List.of("eu-west-1")));
        assertThat(c("gpu in [a100, h100]")).isEqualTo(new AttributeConstraint("gpu", AttributeConstraint.Operator.IN, List.of("a100", "h100")));
        assertThat(c("gpu in [a100, h100]").toString()).isEqualTo("gpu in [a100, h100]");
    }

    @Test
    void matchesTypedValues() {
        assertThat(c("cpu >= 4").matches(4)).isTrue();
        assertThat(c("cpu >= 4").matches(new BigDecimal("3.5"))).isFalse();
        assertThat(c("cpu >= 4").matches("8")).isTrue();
        assertThat(c("cpu >= 4").matches("many")).isFalse();
        assertThat(c("cpu >= 4").matches(null)).isFalse();
        assertThat(c("cpu == 4").matches(new BigDecimal("4.0"))).isTrue();
        assertThat(c("region == eu-west-1").matches("eu-west-1")).isTrue();
        assertThat(c("region != eu-west-1").matches(null)).isTrue();
        assertThat(c("gpu in [a100, h100]").matches("h100")).isTrue();
        assertThat(c("gpu in [a100, h100]").matches("t4")).isFalse();
        assertThat(c("mem < 16").matches(8)).isTrue();
        assertThat(c("mem > 16").matches(8)).isFalse();
        assertThat(c("mem <= 16").matches(16)).isTrue();
    }

    @Test
    void refusesWhatIsNotAConstraint() {
        assertThatThrownBy(() -> c("cpu >= lots")).isInstanceOf(InvalidInputException.class).hasMessageContaining("compares numbers");
        assertThatThrownBy(() -> c("cpu = 4")).hasMessageContaining("is not a constraint");
        assertThatThrownBy(() -> c("gpu in a100")).hasMessageContaining("bracketed list");
        assertThatThrownBy(() -> c("gpu in [a100, ]")).hasMessageContaining("'' is not a value");
        assertThatThrownBy(() -> c("region == eu west")).hasMessageContaining("is not a value");
        assertThatThrownBy(() -> c(null)).isInstanceOf(InvalidInputException.class);
    }
}
