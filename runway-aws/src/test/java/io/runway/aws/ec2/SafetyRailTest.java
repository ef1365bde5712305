package io.runway.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.ConflictException;
import org.junit.jupiter.api.Test;

class SafetyRailTest {
    @Test
    void allowsAtMostTheShareButAlwaysOne() {
        SafetyRail half = new SafetyRail(0.5);
        assertThat(half.allowance(10)).isEqualTo(5);
        assertThat(half.allowance(3)).isEqualTo(1);
        assertThat(half.allowance(1)).isEqualTo(1);
        assertThat(half.allowance(0)).isEqualTo(1);
        assertThat(new SafetyRail(0.3).allowance(10)).isEqualTo(3); // 0.3 x 10 is 2.9999... in binary
        assertThat(new SafetyRail(1.0).allowance(7)).isEqualTo(7);
    }

    @Test
    void refusesMoreWithAConflictNamingTheRail() {
        SafetyRail half = new SafetyRail(0.5);
        half.check("web", 5, 10);
        assertThatThrownBy(() -> half.check("web", 6, 10)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("refused by a safety rail").hasMessageContaining("6 of the 10")
                .hasMessageContaining("pool web").hasMessageContaining("50%")
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo("safety_rail"));
    }
}
