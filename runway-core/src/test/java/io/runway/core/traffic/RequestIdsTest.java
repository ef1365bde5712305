package io.runway.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsSaneIds() {
        assertThat(RequestIds.acceptOrGenerate("3f2a-9c:trace/1+x=")).isEqualTo("3f2a-9c:trace/1+x=");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(RequestIds.MAX_LENGTH))).hasSize(128);
    }

    @Test
    void replacesMissingLongOrOddIds() {
        assertThat(RequestIds.acceptOrGenerate(null)).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("id with spaces")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.acceptOrGenerate("id\r\nX-Evil: 1")).matches("[0-9a-f]{32}");
    }

    @Test
    void generatedIdsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.generate());
        }
        assertThat(ids).hasSize(10_000);
    }
}
