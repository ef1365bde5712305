package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void printsAsFileLineColumnPathMessage() {
        assertThat(new Problem("p.yaml", 3, 7, "pools[0].name", "is required")).hasToString("p.yaml:3:7: pools[0].name: is required");
        assertThat(new Problem("p.yaml", 0, 0, "", "empty")).hasToString("p.yaml:1:1: (root): empty");
    }

    @Test
    void escapesNonPrintablesButKeepsReadableUnicode() {
        Problem p = new Problem("a\nb", 1, 1, "x\u0000", "caf\u00e9 \u202e\t\uD83D\uDE00 \uD800");
        assertThat(p).hasToString("a\\u000Ab:1:1: x\\u0000: caf\u00e9 \\u202E\\u0009\uD83D\uDE00 \\uD800");
    }
}
