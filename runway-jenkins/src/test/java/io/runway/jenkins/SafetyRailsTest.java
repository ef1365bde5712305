package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.ConflictException;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SafetyRailsTest {
    private static final List<ResourceView> TEN = IntStream.range(0, 10)
            .mapToObj(i -> new ResourceView("r-" + i, "fleet", ResourceState.FREE, List.of(), Map.of(), null)).toList();

    @Test
    void aLeaseMayTakeUpToTheShareAndNoMore() {
        assertThatCode(() -> SafetyRails.checkShare("fleet", 5, TEN, 50)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SafetyRails.checkShare("fleet", 6, TEN, 50)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("6 of the 10 resources of pool fleet").hasMessageContaining("50%");
    }

    @Test
    void noPoolOrNoRailMeansNoCheck() {
        assertThatCode(() -> SafetyRails.checkShare(null, 10, TEN, 10)).doesNotThrowAnyException();
        assertThatCode(() -> SafetyRails.checkShare("fleet", 10, TEN, 100)).doesNotThrowAnyException();
    }
}
